import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { hasStoredSession, SESSION_COOKIE } from '../../http/session.js';
import { views } from '../../http/views.js';
import { metricsOf } from '../../metrics/metrics.js';
import { startBackchannelLogout } from './backchannel_logout.js';
import { endSession } from './login_session.js';
import { identifyLogoutClient, type LogoutClient } from './logout_client.js';
import { refuseReturnTo, type ReturnToComparison, type ReturnToOwner } from './logout_return_to.js';
import { recordRequestEvent } from '../../http/request_log_event.js';

/** What this file reads of the app's dependencies. */
type LogoutDeps = Pick<AppDeps, 'store' | 'sealer' | 'logger' | 'metrics' | 'background' | 'config' | 'internalBaseUrl'>;

interface LogoutRequest {
  clientId?: string;
  idTokenHint?: string;
  /** Auth0's `returnTo`, or OpenID Connect RP-Initiated Logout's `post_logout_redirect_uri`. */
  returnTo?: string;
  /** Echoed to post_logout_redirect_uri (RP-Initiated Logout §3); Auth0's returnTo carries its own. */
  state?: string;
  /** RP-Initiated Logout §2's logout_hint, which fitgate reads as a login session's id (the id_token's `sid`). */
  logoutHint?: string;
}

/** Auth0's own logout; /oidc/logout, served by the same handler, reads RP-Initiated Logout's parameters. */
const AUTH0_LOGOUT_PATH = '/v2/logout';

/**
 * GET /v2/logout: ends the fitgate session, then sends the browser back to the application only when
 * `returnTo` is one of that client's allowed logout URLs: at /v2/logout its query and fragment
 * aside, at /oidc/logout the whole address (logout_return_to.ts). A request that names no
 * application at all (no client_id, no id_token_hint) is checked against the tenant's own allowed
 * logout URLs instead, as at Auth0. Anything else (an unknown client, an address it did not
 * register) shows a page instead, because redirecting to an unchecked URL would make fitgate an open
 * redirector for phishing. The session ends whatever the return address (a hint naming another
 * session aside, below). Without a return address, a request with a client_id goes to the client's
 * first allowed logout URL (defaultReturnTo).
 *
 * A `logout_hint` names the login session the application wants ended. RP-Initiated Logout §2
 * leaves the hint's meaning to the provider, and fitgate reads it as the id_token's `sid`
 * (login_session.ts); an id_token_hint's own `sid` names one too (a hint without one, an id_token
 * older than sids, names none; one fitgate cannot verify is not believed about it). The session
 * ends only when the browser's session is the one named (keepsSession). Otherwise the session the
 * application meant has ended already, and the browser's is another sign-in (of someone else,
 * perhaps), which an application that never saw it has no business ending: it is kept, and no
 * `slo` event is recorded. The browser is then never sent back to the application, even to an
 * allowed address: the person clicked "Log out" and would take the application's page for a
 * sign-out while the next person at this browser would get single sign-on as them. The "still
 * signed in" page says so, and offers to sign out (the same request without the hints,
 * signOutHref) or to go back to the application (only to an address that passed the check). Auth0
 * does the same in substance: a logout_hint or id_token_hint that does not match the browser's
 * session gets its logout confirmation prompt, not a redirect; and §2 says the OP SHOULD ask the
 * End-User whether to log out of the OP, and asks it in particular when an id_token_hint does not
 * belong to the current session.
 *
 * A request without a sign-in ends nothing: no `slo` event, no back-channel logout, and no store
 * write unless the browser brought a stored session (which is deleted). Anyone can send one, from
 * anywhere and as often as the route's rate limit allows (back_channel_router.ts), so it must cost
 * nothing durable.
 *
 * A session that ends is announced to the clients it answered that registered a back-channel logout
 * URL (backchannel_logout.ts), in the background: the browser's answer never waits for them.
 */
export function logoutEndpoint(deps: LogoutDeps): RequestHandler {
  const metrics = metricsOf(deps);
  return async (req: Request, res: Response) => {
    const request = readLogoutRequest(req);
    const identified = await identifyLogoutClient(deps, req.context, request.clientId, request.idTokenHint);
    const client = 'client' in identified ? identified.client : undefined;
    const endUser = req.session?.endUser;
    const kept = keepsSession(request, identified.hintedSid, endUser);
    if (!kept && hasStoredSession(req)) await endSession(req, res);
    // No session to end (the store had none under the browser's cookie, or it sent none): only the
    // cookie goes, which costs no store write.
    else if (!kept) res.clearCookie(SESSION_COOKIE, { path: '/' });
    if (!kept && endUser !== undefined) {
      // Only a sign-in that really ended is announced to its clients (the browser is not kept
      // waiting) and logged.
      if (endUser.tenant === req.context.tenant.name) startBackchannelLogout(deps, req.context, endUser);
      await recordRequestEvent(deps, req, {
        type: 'slo',
        description: 'User signed out',
        ...(client ? { clientId: client.clientId, clientName: client.name } : {}),
        userId: endUser.userId,
        connection: endUser.connection,
      });
    }

    const returnTo = request.returnTo ?? defaultReturnTo(req, request, identified);
    const refusal = returnTo === undefined ? undefined : refuseReturnTo(returnTo, returnToOwner(req, request, identified), comparisonAt(req));
    metrics.authn.logout(req.context.tenant.name, refusal !== undefined ? 'return_to_refused' : kept ? 'session_kept' : endUser === undefined ? 'no_session' : 'success');
    const page = { tenantName: req.context.tenant.name, ...(refusal !== undefined ? { refusal } : {}) };
    if (kept) {
      views().send(res, 'logout/session_kept', {
        ...page,
        signOutHref: signOutHref(req, request, identified, endUser),
        ...(returnTo !== undefined && refusal === undefined ? { backTo: withState(returnTo, request.state), clientName: client?.name ?? 'the application' } : {}),
      }, refusal === undefined ? 200 : 400);
      return;
    }
    if (returnTo === undefined) {
      views().send(res, 'logout/signed_out', page);
      return;
    }
    if (refusal === undefined) {
      res.redirect(302, withState(returnTo, request.state));
      return;
    }
    views().send(res, 'logout/signed_out', page, 400);
  };
}

/**
 * The same logout request without the hints that named another session, relative to this tenant's
 * host: what the "still signed in" page's sign-out button asks, so the session ends and the return
 * address is followed as for any sign-out. Only the parameters readLogoutRequest reads go along.
 *
 * An id_token_hint also named the application, so when it goes, what it did goes on without it: a
 * return address is checked against that application, named by client_id instead; and at
 * /oidc/logout, where a hint keeps a client_id from choosing the application's first logout URL
 * (defaultReturnTo), a request without a return address loses its client_id too.
 */
function signOutHref(req: Request, request: LogoutRequest, identified: LogoutClient, endUser: { sid?: string } | undefined): string {
  const path = isAuth0Logout(req) ? AUTH0_LOGOUT_PATH : '/oidc/logout';
  const dropHint = namesAnotherSession(identified.hintedSid, endUser);
  const query = new URLSearchParams();
  for (const name of LOGOUT_PARAMETERS) {
    const value = req.query[name];
    if (name === 'logout_hint' || (dropHint && name === 'id_token_hint')) continue;
    if (typeof value === 'string' && value !== '') query.set(name, value);
  }
  if (dropHint && request.returnTo !== undefined && 'client' in identified) query.set('client_id', identified.client.clientId);
  else if (dropHint && request.returnTo === undefined && path !== AUTH0_LOGOUT_PATH) query.delete('client_id');
  return query.size === 0 ? path : `${path}?${query.toString()}`;
}

/** The parameters readLogoutRequest reads, in both dialects (a form post passes on these alone). */
export const LOGOUT_PARAMETERS = ['client_id', 'id_token_hint', 'logout_hint', 'post_logout_redirect_uri', 'state', 'returnTo'] as const;

function readLogoutRequest(req: Request): LogoutRequest {
  const single = (name: (typeof LOGOUT_PARAMETERS)[number]) => {
    const value = req.query[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const postLogoutRedirectUri = single('post_logout_redirect_uri');
  const fields: LogoutRequest = {
    clientId: single('client_id'),
    idTokenHint: single('id_token_hint'),
    returnTo: single('returnTo') ?? postLogoutRedirectUri,
    state: postLogoutRedirectUri === undefined ? undefined : single('state'),
    logoutHint: single('logout_hint'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as LogoutRequest;
}

/**
 * Whether the browser's sign-in outlives this request: only when a logout_hint, or the `sid` of a
 * verified id_token_hint, names another login session than the one the browser is signed in with.
 * Without a hint (or a `sid` in it), or without a sign-in, the session ends as it always has.
 */
function keepsSession(request: LogoutRequest, hintedSid: string | undefined, endUser: { sid?: string } | undefined): boolean {
  return namesAnotherSession(request.logoutHint, endUser) || namesAnotherSession(hintedSid, endUser);
}

/** Whether `sid` names a login session other than the browser's. A sign-in without a sid (from before sids existed) is none a hint names. */
function namesAnotherSession(sid: string | undefined, endUser: { sid?: string } | undefined): boolean {
  return endUser !== undefined && sid !== undefined && sid !== endUser.sid;
}

/**
 * Where the browser goes when the application gave no return address. Auth0 documents, for both
 * endpoints, that a request naming its application by client_id then goes to the first of that
 * application's Allowed Logout URLs (auth0-spa-js's and auth0-react's logout() with no arguments
 * counts on it at /v2/logout); at /oidc/logout only without an id_token_hint, which Auth0 reads as
 * choosing among the URLs instead. That URL still passes refuseReturnTo like any other. No client_id,
 * or an unknown client: no redirect.
 */
function defaultReturnTo(req: Request, request: LogoutRequest, identified: LogoutClient): string | undefined {
  if (request.clientId === undefined || !('client' in identified)) return undefined;
  if (!isAuth0Logout(req) && request.idTokenHint !== undefined) return undefined;
  return identified.client.allowedLogoutUrls[0];
}

/**
 * Whose allowed logout URLs the return address must be among: the application the request names,
 * or the tenant's own list when it names none (Auth0 documents this for both endpoints: without
 * client_id, and at /oidc/logout without id_token_hint either, the tenant-level Allowed Logout URLs).
 */
function returnToOwner(req: Request, request: LogoutRequest, identified: LogoutClient): ReturnToOwner {
  return request.clientId === undefined && request.idTokenHint === undefined ? { tenant: req.context.tenant } : identified;
}

/** Auth0's /v2/logout leaves the query of returnTo out of the comparison; /oidc/logout compares it (logout_return_to.ts). */
function comparisonAt(req: Request): ReturnToComparison {
  return isAuth0Logout(req) ? 'path' : 'exact';
}

/** Whether this is Auth0's /v2/logout: by the route, not the path as sent, since Express routes /V2/Logout/ here too. */
function isAuth0Logout(req: Request): boolean {
  return (req.route as { path?: unknown } | undefined)?.path === AUTH0_LOGOUT_PATH;
}

function withState(url: string, state: string | undefined): string {
  if (state === undefined || !URL.canParse(url)) return url;
  const target = new URL(url);
  target.searchParams.set('state', state);
  return target.href;
}
