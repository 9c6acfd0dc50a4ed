import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { Connection, User } from '../../domain/types.js';
import { recordLogin, type LoginResult } from '../../domain/users.js';
import { AppError, InvalidRequestError, ServerError } from '../../errors/index.js';
import { metricsOf, type LoginSuccessReason } from '../../metrics/metrics.js';
import { clientErrorParams, type ClientRedirectParams } from '../authorize/client_redirect.js';
import { sendClientResponse } from '../authorize/send_client_response.js';
import { forgetPendingLogin, signIn, startedInThisBrowser } from '../login_session.js';
import { takeLoginTransaction, type LoginTransaction } from '../login_transaction.js';
import { callbackUrlOf, type UpstreamResolver } from '../../upstream/resolve_upstream.js';
import type { CallbackHandoff } from './callback_handoff.js';
import { completeUpstreamLogin } from './complete_upstream_login.js';
import { clientDestinationOf, issueAuthorizationResponse } from './issue_authorization_response.js';
import { logLogin } from './login_log.js';
import { revokeLegacyToken } from './revoke_legacy_token.js';
import { toUpstreamLogin } from './upstream_login.js';

const STALE_LOGIN =
  'This login link has expired, was already used, or was started in another browser. ' +
  'Go back to the application and log in again.';

/**
 * GET /login/callback, where Fitbit and Google send the browser back. The state must name a login
 * transaction this browser started, still unused and unexpired; otherwise the request is refused
 * with a page before anything is sent upstream. The transaction is taken (single use) before the
 * code exchange, then the user is recorded, the session renewed, and the client gets its code or
 * id_token (or both) in the response mode it asked for.
 */
export function callbackEndpoint(deps: AppDeps, upstreams: UpstreamResolver, handoffs: readonly CallbackHandoff[] = []): RequestHandler {
  const metrics = metricsOf(deps);
  return async (req: Request, res: Response, next: NextFunction) => {
    for (const handoff of handoffs) {
      if (await handoff.claims(req.query.state)) {
        return res.redirect(303, `${handoff.path}${req.originalUrl.slice(req.path.length)}`);
      }
    }
    const transaction = await takeTransaction(deps, req);
    if (!transaction) {
      const refusal = new InvalidRequestError(STALE_LOGIN);
      await logLogin(deps, req, undefined, undefined, { outcome: 'failure', error: refusal });
      metrics.authn.login(req.context.tenant.name, '', 'failure', refusal.code);
      return next(refusal);
    }
    const [client, connection] = await Promise.all([
      deps.store.clients.get(transaction.tenant, transaction.clientId),
      deps.store.connections.getByName(transaction.tenant, transaction.connection),
    ]);
    // Changed since /authorize: the redirect_uri is no longer one fitgate may send a code to.
    if (!client?.callbacks.includes(transaction.redirectUri)) {
      return next(new InvalidRequestError('The application changed while you were logging in. Go back to it and log in again.'));
    }
    const destination = clientDestinationOf(transaction, req.context.tenantUrl);
    try {
      if (!connection) throw new InvalidRequestError(`The connection "${transaction.connection}" no longer exists.`);
      const { user, response, description, reason, reconnected } = await finishLogin(deps, upstreams, req, connection, transaction);
      await logLogin(deps, req, transaction, client.name, { outcome: 'success', user, description });
      metrics.authn.login(transaction.tenant, transaction.connection, 'success', reason);
      if (reconnected) metrics.vault.reconnected(transaction.tenant, transaction.connection);
      sendClientResponse(res, destination, response);
    } catch (caught) {
      const error = caught instanceof AppError ? caught : new ServerError('The login failed inside fitgate.', { cause: caught });
      if (error.status >= 500) res.err = caught instanceof Error ? caught : error;
      await logLogin(deps, req, transaction, client.name, { outcome: 'failure', error });
      metrics.authn.login(transaction.tenant, transaction.connection, 'failure', error.code);
      sendClientResponse(res, destination, clientErrorParams(error, transaction.state));
    }
  };
}

/** The transaction named by `state`, taken out of the store, when this browser started it at this tenant. */
async function takeTransaction(deps: AppDeps, req: Request): Promise<LoginTransaction | undefined> {
  const state = req.query.state;
  if (typeof state !== 'string' || !startedInThisBrowser(req, state)) return undefined;
  forgetPendingLogin(req, state);
  const transaction = await takeLoginTransaction(deps.store.ephemeral, state);
  return transaction?.tenant === req.context.tenant.name ? transaction : undefined;
}

async function finishLogin(
  deps: AppDeps,
  upstreams: UpstreamResolver,
  req: Request,
  connection: Connection,
  transaction: LoginTransaction,
): Promise<{ user: User; response: ClientRedirectParams; description: string; reason: LoginSuccessReason; reconnected: boolean }> {
  const { tenantUrl } = req.context;
  const upstream = upstreams.resolve(connection, tenantUrl);
  const target = { upstream, connection, callbackUrl: callbackUrlOf(tenantUrl), deadlineMs: upstreams.loginDeadlineMs };
  const verified = await completeUpstreamLogin(req, target, transaction);
  const now = new Date();
  const result = await recordLogin({ users: deps.store.users, sealer: deps.sealer }, toUpstreamLogin(verified, connection, req.ip, now));
  const legacyTokenRevoked = await revokeLegacyToken(
    { sealer: deps.sealer, logger: deps.logger, tokenClientFor: (on, api) => upstreams.tokenClientFor(on, api) },
    connection,
    result,
  );
  const authTime = Math.floor(now.getTime() / 1000);
  await signIn(req, { tenant: transaction.tenant, userId: result.user.userId, connection: connection.name, authTime });
  const response = await issueAuthorizationResponse(deps, req.context, transaction, { user: result.user, authTime });
  return { user: result.user, response, description: describeLogin(result, legacyTokenRevoked), reason: reasonOf(result), reconnected: result.reconnected === true };
}

function reasonOf(result: LoginResult): LoginSuccessReason {
  if (result.migration) return 'migrated_from_legacy';
  return result.created ? 'new_user' : 'existing_user';
}

function describeLogin(result: LoginResult, legacyTokenRevoked: boolean): string {
  if (result.migration) {
    const revoked = legacyTokenRevoked ? 'legacy token revoked' : 'legacy token not revoked';
    return `Successful login; moved from legacy Fitbit to Google Health (${revoked})`;
  }
  return result.created ? 'Successful login; new user' : 'Successful login';
}
