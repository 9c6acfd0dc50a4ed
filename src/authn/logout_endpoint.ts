import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../app_deps.js';
import type { Client } from '../domain/types.js';
import { SESSION_COOKIE } from '../http/session.js';
import { views } from '../http/views.js';
import { recordRequestEvent } from './request_log_event.js';

interface LogoutRequest {
  clientId?: string;
  /** Auth0's `returnTo`, or OpenID Connect RP-Initiated Logout's `post_logout_redirect_uri`. */
  returnTo?: string;
  /** Echoed to post_logout_redirect_uri (RP-Initiated Logout §3); Auth0's returnTo carries its own. */
  state?: string;
}

/**
 * GET /v2/logout: ends the fitgate session, then sends the browser back to the application only when
 * `returnTo` is exactly one of that client's allowed logout URLs. Anything else (no client_id, an
 * unknown client, an address it did not register) shows a page instead, because redirecting to an
 * unchecked URL would make fitgate an open redirector for phishing. The session ends in every case.
 */
export function logoutEndpoint(deps: AppDeps): RequestHandler {
  return async (req: Request, res: Response) => {
    const request = readLogoutRequest(req);
    const client = request.clientId ? await deps.store.clients.get(req.context.tenant.name, request.clientId) : undefined;
    const endUser = req.session?.endUser;
    await endSession(req, res);
    await recordRequestEvent(deps, req, {
      type: 'slo',
      description: 'User signed out',
      ...(client ? { clientId: client.clientId, clientName: client.name } : {}),
      ...(endUser ? { userId: endUser.userId, connection: endUser.connection } : {}),
    });

    const refusal = request.returnTo === undefined ? undefined : refuseReturnTo(request, client);
    if (request.returnTo !== undefined && refusal === undefined) {
      res.redirect(302, withState(request.returnTo, request.state));
      return;
    }
    views().send(
      res,
      'logout/signed_out',
      { tenantName: req.context.tenant.name, refusal },
      refusal === undefined ? 200 : 400,
    );
  };
}

function readLogoutRequest(req: Request): LogoutRequest {
  const single = (name: string) => {
    const value = req.query[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const request: LogoutRequest = {};
  const clientId = single('client_id');
  const returnTo = single('returnTo') ?? single('post_logout_redirect_uri');
  const state = single('post_logout_redirect_uri') === undefined ? undefined : single('state');
  if (clientId !== undefined) request.clientId = clientId;
  if (returnTo !== undefined) request.returnTo = returnTo;
  if (state !== undefined) request.state = state;
  return request;
}

/** Why the browser may not go to returnTo, in words for the person; undefined when it may. */
function refuseReturnTo(request: LogoutRequest, client: Client | undefined): string | undefined {
  if (request.clientId === undefined) {
    return 'The application did not say which application it is (client_id), so its return address cannot be checked.';
  }
  if (!client) return 'The application that sent you here is not registered with this service.';
  if (!client.allowedLogoutUrls.includes(request.returnTo ?? '')) {
    return `The return address is not one of the allowed logout URLs of ${client.name}. Its administrator can add it in the application's settings.`;
  }
  return undefined;
}

function withState(url: string, state: string | undefined): string {
  if (state === undefined || !URL.canParse(url)) return url;
  const target = new URL(url);
  target.searchParams.set('state', state);
  return target.href;
}

async function endSession(req: Request, res: Response): Promise<void> {
  if (req.session) {
    await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(error) : resolve())));
  }
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
