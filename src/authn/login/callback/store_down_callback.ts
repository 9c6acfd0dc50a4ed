import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { oncePerPeriod, type LetThrough } from '../../../domain/once_per_period.js';
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
import { loginCauseOf } from './login_cause.js';
import { logLogin } from './login_log.js';

/** How often one login sent back by a failing store is logged again, however often its callback is replayed. */
const STORE_DOWN_LOG_PERIOD_MS = 60_000;

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
 *
 * Nothing is spent, so while the store keeps failing the same callback URL can be replayed at will:
 * each replay gets its redirect and is counted, but its log lines (the warning, and the request
 * line's error) and the tenant's log event are written once per login per STORE_DOWN_LOG_PERIOD_MS
 * (the next warning saying how many were left out), so replays cannot multiply log lines and
 * background writes to the failing store. Login states are remembered only while they recur
 * (oncePerPeriod's forgetQuietKeys), and a login lives ten minutes (ROUND_TRIP_TTL_SECONDS).
 */
export function storeDownCallbackRedirect(deps: Pick<AppDeps, 'store' | 'logger' | 'metrics' | 'background'>): ErrorRequestHandler {
  const { ephemeral, clients } = deps.store;
  const due = oncePerPeriod(STORE_DOWN_LOG_PERIOD_MS, Date.now, { forgetQuietKeys: true });
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const unavailable = asStoreUnavailable(error);
    const state = req.query.state;
    if (!unavailable || res.headersSent || !isUpstreamState(state) || !startedInThisBrowser(req, state)) return next(error);
    void (async () => {
      const login = await readLoginTransaction(ephemeral, state);
      if (login?.tenant !== req.context.tenant.name) return next(error);
      const client = await clients.get(login.tenant, login.clientId);
      if (!clientStillAccepts(client, login)) return next(error);
      const logged = due(JSON.stringify([login.tenant, state]));
      // The request line carries the error (an error line, at every log level) as often as the login's own lines.
      if (logged) res.err = error instanceof Error ? error : unavailable;
      sendClientResponse(res, clientDestinationOf(login, req.context.tenantUrl), clientErrorParams(unavailable, login.state));
      recordStoreDownLogin(deps, req, login, client.name, { error: unavailable, source: 'fitgate' }, logged);
    })().catch(() => next(error));
  };
}

/**
 * Counts the login sent back as every failed login is (fitgate_logins_total, with the OAuth code the
 * client heard and its cause, `store`), each replay included, and logs it when `logged` lets it
 * through (once per login per period), once its answer has gone: the tenant's log event is written
 * to the store that just failed, so it may wait or fail, and the redirect never waits for it
 * (shutdown does, through AppDeps.background). The process log names the login whatever that write
 * does; one that fails adds its own line (domain/tenant_log.ts).
 */
function recordStoreDownLogin(
  deps: Pick<AppDeps, 'store' | 'logger' | 'metrics' | 'background'>,
  req: Request,
  login: LoginTransaction,
  clientName: string,
  failure: LoginFailure,
  logged: LetThrough | undefined,
): void {
  const code = failure.error.code;
  metricsOf(deps).authn.login(login.tenant, login.connection, 'failure', code, loginCauseOf(failure));
  if (!logged) return;
  req.log.warn(
    { event: 'login_store_unavailable', tenant: login.tenant, connection: login.connection, client_id: login.clientId, error: code, suppressed: logged.suppressed },
    'login sent back to its application as temporarily_unavailable: the store failed before the login was taken',
  );
  const written = logLogin(deps, req, login, clientName, { outcome: 'failure', failure }).catch((err: unknown) => {
    deps.logger.error({ err, tenant: login.tenant, connection: login.connection }, 'could not log a login the store sent back');
  });
  deps.background?.track(written);
}
