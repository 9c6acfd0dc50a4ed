import type { Request } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import type { User } from '../../../domain/types.js';
import { RecordBusyError, StoreUnavailableError, type AppError } from '../../../errors/index.js';
import type { LoginTransaction } from '../login_transaction.js';
import { recordRequestEvent } from '../../../http/request_log_event.js';

/** What this file reads of the app's dependencies. */
type LoginLogDeps = Pick<AppDeps, 'store' | 'logger'>;

export type LoginLogEntry =
  | { outcome: 'success'; user: User; description: string }
  | { outcome: 'failure'; error: AppError };

/**
 * Records the login as Auth0's `s` or `f` event: client, connection and user (the request adds the
 * tenant, IP and user agent), with a description fitgate wrote, never a token, code, state or
 * upstream body. Logging never fails the login.
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
        }
      : {
          ...login,
          type: 'f',
          description: entry.error.expose ? entry.error.description : 'The login failed inside fitgate.',
          details: { error: entry.error.code, ...(isFitgatesOwn(entry.error) && { source: 'fitgate' }) },
        },
  );
}

/**
 * A failure of fitgate's own store (down, full, one user too busy), not of the upstream: the same
 * code, temporarily_unavailable, so the activity charts tell them apart by this (activity_series.ts).
 */
function isFitgatesOwn(error: AppError): boolean {
  return error instanceof StoreUnavailableError || error instanceof RecordBusyError;
}
