import type { Request } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import type { User } from '../../../domain/types.js';
import type { LoginTransaction } from '../login_transaction.js';
import { recordRequestEvent } from '../../../http/request_log_event.js';
import { loginFailureDetails, type LoginFailure } from '../../../upstream/login_failure.js';

/** What this file reads of the app's dependencies. */
type LoginLogDeps = Pick<AppDeps, 'store' | 'logger'>;

export type LoginLogEntry =
  /** `refreshable`: whether the identity the login stored holds a refresh token (domain/refreshable.ts). */
  | { outcome: 'success'; user: User; description: string; refreshable: boolean }
  | { outcome: 'failure'; failure: LoginFailure };

/**
 * Records the login as Auth0's `s` or `f` event: client, connection and user (the request adds the
 * tenant, IP and user agent), with a description fitgate wrote, never a token, code, state or
 * upstream body. A failure says whose it was, `details.source` (`fitgate` or `upstream`, with the
 * plugin's kind as `details.upstream_kind`): the same OAuth code may be either's, and the activity
 * charts count the upstream's apart (activity_series.ts). A success that stored an identity the
 * vault cannot refresh says so, `details.refreshable: false`, and warns in the process log: once
 * its access token expires the vault disconnects it (refresh_token_missing). Logging never fails
 * the login.
 */
export function logLogin(
  deps: LoginLogDeps,
  req: Request,
  /** The login's transaction; absent when the callback's state named none this browser started. */
  transaction: LoginTransaction | undefined,
  clientName: string | undefined,
  entry: LoginLogEntry,
): Promise<void> {
  const login = {
    ...(transaction ? { clientId: transaction.clientId, connection: transaction.connection } : {}),
    ...(clientName !== undefined ? { clientName } : {}),
  };
  if (entry.outcome === 'success' && !entry.refreshable) warnUnrefreshable(req, transaction?.connection, entry.user);
  return recordRequestEvent(
    deps,
    req,
    entry.outcome === 'success'
      ? {
          ...login,
          type: 's',
          description: entry.description,
          userId: entry.user.userId,
          ...(entry.user.name !== undefined ? { userName: entry.user.name } : {}),
          ...(!entry.refreshable && { details: { refreshable: false } }),
        }
      : {
          ...login,
          type: 'f',
          description: entry.failure.error.expose ? entry.failure.error.description : 'The login failed inside fitgate.',
          details: loginFailureDetails(entry.failure),
        },
  );
}

/** For the operator: whose identity the vault will disconnect once its access token expires. No token, no profile. */
function warnUnrefreshable(req: Request, connection: string | undefined, user: User): void {
  req.log.warn(
    { event: 'login_without_refresh_token', tenant: user.tenant, connection, user_id: user.userId },
    'login stored an identity with no refresh token: the user must sign in again once its access token expires',
  );
}
