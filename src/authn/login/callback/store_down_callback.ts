import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { metricsOf } from '../../../metrics/metrics.js';
import { asStoreUnavailable } from '../../../store/store_unavailable.js';
import type { LoginFailure } from '../../../upstream/login_failure.js';
import { isUpstreamState } from '../../../upstream/round_trip_records.js';
import { clientErrorParams } from '../authorize/client_redirect.js';
import { sendClientResponse } from '../authorize/send_client_response.js';
import { readLoginTransaction, type LoginTransaction } from '../login_transaction.js';
import { startedInThisBrowser } from '../pending_login_cookie.js';
import { clientStillAccepts } from './client_still_accepts.js';
import { clientDestinationOf } from './issue_authorization_response.js';
import { logLogin } from './login_log.js';

/**
 * The last step of /login/callback's route: a store that failed before the login was taken (the
 * rate limit's count, a write the store refused, while it still answers reads: a full Redis, the
 * embedded short-lived file locked) goes back to the application as `error=temporarily_unavailable`
 * with its `state`, in the response mode the login asked for, as /authorize's storeDownRedirect
 * does. Only when the login can be read and is still this browser's, at this tenant, for a client
 * that still accepts its redirect_uri; otherwise the 503 page, as before. The login is read, not
 * taken, and the browser keeps its state: the same callback URL finishes it once the store is back.
 * A login taken already is not found here, so a failure after the take keeps its own answer.
 * Sent back so, it is a failed login like any other: counted and logged (recordStoreDownLogin).
 */
export function storeDownCallbackRedirect(deps: Pick<AppDeps, 'store' | 'logger' | 'metrics' | 'background'>): ErrorRequestHandler {
  const { ephemeral, clients } = deps.store;
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const unavailable = asStoreUnavailable(error);
    const state = req.query.state;
    if (!unavailable || res.headersSent || !isUpstreamState(state) || !startedInThisBrowser(req, state)) return next(error);
    void (async () => {
      const login = await readLoginTransaction(ephemeral, state);
      if (login?.tenant !== req.context.tenant.name) return next(error);
      const client = await clients.get(login.tenant, login.clientId);
      if (!clientStillAccepts(client, login)) return next(error);
      res.err = error instanceof Error ? error : unavailable;
      sendClientResponse(res, clientDestinationOf(login, req.context.tenantUrl), clientErrorParams(unavailable, login.state));
      recordStoreDownLogin(deps, req, login, client.name, { error: unavailable, source: 'fitgate' });
    })().catch(() => next(error));
  };
}

/**
 * Counts the login sent back as every failed login is (fitgate_logins_total, with the OAuth code the
 * client heard), and logs it, once its answer has gone: the tenant's log event is written to the
 * store that just failed, so it may wait or fail, and the redirect never waits for it (shutdown does,
 * through AppDeps.background). The process log names the login whatever that write does; one that
 * fails adds its own line (domain/tenant_log.ts).
 */
function recordStoreDownLogin(
  deps: Pick<AppDeps, 'store' | 'logger' | 'metrics' | 'background'>,
  req: Request,
  login: LoginTransaction,
  clientName: string,
  failure: LoginFailure,
): void {
  const code = failure.error.code;
  metricsOf(deps).authn.login(login.tenant, login.connection, 'failure', code);
  req.log.warn(
    { event: 'login_store_unavailable', tenant: login.tenant, connection: login.connection, client_id: login.clientId, error: code },
    'login sent back to its application as temporarily_unavailable: the store failed before the login was taken',
  );
  const logged = logLogin(deps, req, login, clientName, { outcome: 'failure', failure }).catch((err: unknown) => {
    deps.logger.error({ err, tenant: login.tenant, connection: login.connection }, 'could not log a login the store sent back');
  });
  deps.background?.track(logged);
}
