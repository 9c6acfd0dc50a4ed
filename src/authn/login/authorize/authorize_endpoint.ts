import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { USER_BLOCKED } from '../../../domain/users.js';
import { AppError, LoginRequiredError, UserBlockedError } from '../../../errors/index.js';
import { clientDestinationOf } from '../callback/issue_authorization_response.js';
import { answerOrAskConsent, sendSignedInAnswer } from '../consent/consent_step.js';
import { endSession, rememberClient, sessionIdOf } from '../login_session.js';
import type { PendingAuthorization } from '../login_transaction.js';
import type { User } from '../../../domain/types.js';
import { clientOf, type AuthorizeContext, type AuthorizeDeps } from './authorize_context.js';
import { issuerOf } from '../../../domain/tenants.js';
import { keepOpener } from '../../../http/security_headers.js';
import { clientErrorParams } from './client_redirect.js';
import { errorResponseMode } from './error_response_mode.js';
import { newAuthorizeContext, runAuthorizeChecks } from './pipeline.js';
import { readAuthorizeRequest } from './read_params.js';
import { startUpstreamLogin } from './start_upstream_login.js';
import { sendClientResponse } from './send_client_response.js';
import { renderUniversalLogin } from './universal_login.js';
import type { UpstreamResolver } from '../../../upstream/resolve_upstream.js';
import { isSignInOfEarlierUser } from '../../tokens/earlier_user.js';
import { isSignInEnded } from '../../../domain/ended_sessions.js';

/** What this file reads of the app's dependencies. */
type AuthorizeEndpointDeps = Pick<AppDeps, 'config' | 'store' | 'sealer' | 'logger' | 'plugins' | 'metrics' | 'sandbox'>;

/**
 * GET /authorize: the checks, then one of three answers. The session answers when it can (always
 * tried for prompt=none, which gets login_required otherwise; single sign-on for the rest); a named
 * connection goes straight upstream; otherwise the Universal Login page lets the user pick one. A
 * session's answer to a third-party application the user has not allowed yet is the consent page
 * (consent/consent_step.ts). Errors before the redirect_uri is verified are pages; after, they go back to the client
 * in its response mode (except web_message to an origin the client does not list: a page).
 */
export function authorizeEndpoint(deps: AuthorizeEndpointDeps, upstreams: UpstreamResolver): RequestHandler {
  const startDeps = { store: deps.store, upstreams, config: deps.config };
  const checkDeps: AuthorizeDeps = {
    clients: deps.store.clients,
    connections: deps.store.connections,
    strategies: new Set(deps.plugins.keys()),
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    let ctx: AuthorizeContext | undefined;
    try {
      const { params, repeated } = readAuthorizeRequest(req.query);
      ctx = newAuthorizeContext(req.context.tenant, req.context.tenantUrl, params, repeated);
      await runAuthorizeChecks(ctx, checkDeps);
      // A popup login answers its opener at the end, so no page on its way may cut the opener off.
      if (ctx.responseMode === 'web_message') keepOpener(res);
      if (ctx.prompt.includes('none')) {
        const session = await sessionSignIn(deps, req, res, ctx);
        if ('reason' in session) throw new LoginRequiredError(session.reason);
        return await answerFromSession(deps, req, res, ctx, session);
      }
      if (mayAnswerFromSession(req, ctx)) {
        const session = await sessionSignIn(deps, req, res, ctx);
        if ('user' in session && (ctx.connection === undefined || ctx.connection.name === session.connection)) {
          return await answerFromSession(deps, req, res, ctx, session);
        }
      }
      if (ctx.connection) return await startUpstreamLogin(startDeps, req, res, ctx.connection, pendingAuthorization(ctx, ctx.connection.name));
      renderUniversalLogin(deps, req, res, ctx);
    } catch (error) {
      if (!ctx?.redirectUri || !(error instanceof AppError)) return next(error);
      const responseMode = errorResponseMode(ctx);
      if (!responseMode) return next(error);
      if (error.status >= 500) res.err = error;
      const destination = { redirectUri: ctx.redirectUri, responseMode, issuer: issuerOf(ctx.tenantUrl) };
      sendClientResponse(res, destination, clientErrorParams(error, ctx.params.state));
    }
  };
}

/** The user this browser's session signed in, as an authorization may reuse it. */
interface SessionSignIn {
  readonly user: User;
  readonly authTime: number;
  readonly connection: string;
  /** The login session's id: an answer from the session carries the sid of the sign-in it reuses. */
  readonly sid: string;
}

/**
 * The browser's sign-in at this tenant, when a response may come from it without the user: a user
 * of this tenant who signed in through a connection enabled for the client, within the client's
 * max_age. Otherwise why not, in the words prompt=none's login_required carries. A client with
 * `sso_disabled` never shares the session, as at Auth0: its users sign in each time. A user blocked
 * since signing in is refused as at the callback, and the session ends: blocking must not wait for
 * it to expire. A sign-in the user's sessions were ended after (DELETE /users/{id}/sessions, the
 * dashboard, a block since lifted) is no sign-in: the record read here anyway says so.
 */
async function sessionSignIn(deps: AuthorizeEndpointDeps, req: Request, res: Response, ctx: AuthorizeContext): Promise<SessionSignIn | { reason: string }> {
  if (ctx.client?.ssoDisabled === true) return { reason: 'Single sign-on is disabled for this application.' };
  const endUser = req.session.endUser;
  const connection = ctx.enabledConnections.find((candidate) => candidate.name === endUser?.connection);
  if (!endUser || endUser.tenant !== ctx.tenant.name || !connection) return { reason: 'The user is not signed in at this tenant.' };
  // max_age=0 asks for a sign-in at this very request, even one in the session's own second.
  if (ctx.maxAge !== undefined && (ctx.maxAge === 0 || Math.floor(Date.now() / 1000) - endUser.authTime > ctx.maxAge)) {
    return { reason: 'The user signed in longer ago than max_age allows.' };
  }
  const user = await deps.store.users.get(ctx.tenant.name, endUser.userId);
  // A session of a user deleted since, whose id signed up again, is not that new user's.
  if (!user || isSignInOfEarlierUser(user, endUser.authTime)) return { reason: 'The user is not signed in at this tenant.' };
  if (user.blocked === true) {
    await endSession(req, res);
    throw new UserBlockedError(USER_BLOCKED);
  }
  if (isSignInEnded(user, endUser)) return { reason: 'The user is not signed in at this tenant.' };
  return { user, authTime: endUser.authTime, connection: connection.name, sid: sessionIdOf(endUser) };
}

// Asking the upstream for any of these means the person is to be asked again (OpenID Connect Core
// §3.1.2.1); a session cannot answer for them.
const ASKS_THE_PERSON = new Set(['login', 'consent', 'select_account']);

/**
 * Single sign-on, as at Auth0: an interactive request from a signed-in browser gets its response from
 * the session (when sessionSignIn allows), with no page and no trip upstream, unless it asks for the
 * person (prompt=login, consent, select_account) or names another connection than the one the
 * session signed in through. A new visitor costs no read.
 */
function mayAnswerFromSession(req: Request, ctx: AuthorizeContext): boolean {
  return req.session.endUser !== undefined && !ctx.prompt.some((prompt) => ASKS_THE_PERSON.has(prompt));
}

/**
 * The response to the client from the session's sign-in (prompt=none, or single sign-on), or first
 * the consent page for a third-party client the user has not allowed (consent_step.ts; with
 * prompt=none, consent_required).
 */
async function answerFromSession(deps: AuthorizeEndpointDeps, req: Request, res: Response, ctx: AuthorizeContext, session: SessionSignIn): Promise<void> {
  const request = pendingAuthorization(ctx, session.connection);
  const client = clientOf(ctx);
  const answer = await answerOrAskConsent(deps, req, client, request, { user: session.user, authTime: session.authTime, sid: session.sid });
  if ('response' in answer && req.session.endUser) rememberClient(req.session.endUser, client);
  sendSignedInAnswer(res, clientDestinationOf(request, ctx.tenantUrl), answer);
}

function pendingAuthorization(ctx: AuthorizeContext, connection: string): PendingAuthorization {
  const { params } = ctx;
  if (!ctx.client || !ctx.redirectUri || !ctx.responseType || !ctx.responseMode) throw new Error('the checks must have run');
  return {
    tenant: ctx.tenant.name,
    clientId: ctx.client.clientId,
    redirectUri: ctx.redirectUri,
    responseType: ctx.responseType,
    responseMode: ctx.responseMode,
    ...(params.state !== undefined ? { state: params.state } : {}),
    ...(params.nonce !== undefined ? { nonce: params.nonce } : {}),
    scope: ctx.scope,
    ...(ctx.codeChallenge !== undefined ? { codeChallenge: ctx.codeChallenge, codeChallengeMethod: 'S256' as const } : {}),
    prompt: ctx.prompt,
    ...(ctx.loginHint !== undefined ? { loginHint: ctx.loginHint } : {}),
    connection,
  };
}
