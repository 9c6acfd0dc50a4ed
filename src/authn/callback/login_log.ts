import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { recordLogEvent } from '../../domain/log_events.js';
import type { User } from '../../domain/types.js';
import type { AppError } from '../../errors/index.js';
import type { LoginTransaction } from '../login_transaction.js';

export type LoginLogEntry =
  | { outcome: 'success'; user: User; description: string }
  | { outcome: 'failure'; error: AppError };

/**
 * Records the login as Auth0's `s` or `f` event: client, connection, user, IP and user agent, with a
 * description fitgate wrote (never a token, code or upstream body). Logging never fails the login.
 */
export async function logLogin(
  deps: AppDeps,
  req: Request,
  /** The login's transaction; absent when the callback's state named none this browser started. */
  transaction: LoginTransaction | undefined,
  clientName: string | undefined,
  entry: LoginLogEntry,
): Promise<void> {
  const userAgent = req.get('user-agent');
  const common = {
    tenant: req.context.tenant.name,
    ...(transaction ? { clientId: transaction.clientId, connection: transaction.connection } : {}),
    ...(clientName !== undefined ? { clientName } : {}),
    ...(req.ip !== undefined ? { ip: req.ip } : {}),
    ...(userAgent !== undefined ? { userAgent } : {}),
  };
  const event =
    entry.outcome === 'success'
      ? {
          ...common,
          type: 's',
          description: entry.description,
          userId: entry.user.userId,
          ...(entry.user.name !== undefined ? { userName: entry.user.name } : {}),
        }
      : {
          ...common,
          type: 'f',
          description: entry.error.expose ? entry.error.description : 'The login failed inside fitgate.',
          details: { error: entry.error.code },
        };
  try {
    await recordLogEvent(deps.store, event);
  } catch (error) {
    deps.logger.warn({ err: error, type: event.type }, 'could not record a login log event');
  }
}
