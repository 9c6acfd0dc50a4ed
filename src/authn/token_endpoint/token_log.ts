import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { LogEventType } from '../../domain/log_events.js';
import { TOKEN_VAULT_GRANT_TYPE } from '../../domain/grant_types.js';
import type { Client } from '../../domain/types.js';
import { AppError } from '../../errors/index.js';
import { recordRequestEvent, type RequestEvent } from '../../http/request_log_event.js';
import type { GrantOutcome, SupportedGrantType } from './token_request.js';

/** Auth0's log event codes for each exchange at /oauth/token. */
const EVENT_TYPES: Readonly<Record<SupportedGrantType, { success: LogEventType; failure: LogEventType }>> = {
  authorization_code: { success: 'seacft', failure: 'feacft' },
  refresh_token: { success: 'sertft', failure: 'fertft' },
  client_credentials: { success: 'seccft', failure: 'feccft' },
  [TOKEN_VAULT_GRANT_TYPE]: { success: 'seta', failure: 'feta' },
};

export type TokenExchangeEntry =
  | { grantType: SupportedGrantType; client: Client; outcome: GrantOutcome }
  | { grantType: SupportedGrantType; clientId: string | undefined; error: unknown };

/**
 * Records an exchange in the tenant's log. Only codes and descriptions fitgate wrote are recorded,
 * never a parameter of the request, so no code, token or secret reaches the log.
 */
export function logTokenExchange(deps: Pick<AppDeps, 'store' | 'logger'>, req: Request, entry: TokenExchangeEntry): Promise<void> {
  return recordRequestEvent(deps, req, toLogEvent(entry));
}

function toLogEvent(entry: TokenExchangeEntry): RequestEvent {
  const types = EVENT_TYPES[entry.grantType];
  if ('outcome' in entry) {
    const { userId, connection } = entry.outcome;
    return {
      type: types.success,
      clientId: entry.client.clientId,
      clientName: entry.client.name,
      ...(userId === undefined ? {} : { userId }),
      ...(connection === undefined ? {} : { connection }),
    };
  }
  return {
    type: types.failure,
    description: failureDescription(entry.error),
    ...(entry.clientId === undefined ? {} : { clientId: entry.clientId }),
    details: { error: entry.error instanceof AppError ? entry.error.code : 'server_error' },
  };
}

function failureDescription(error: unknown): string {
  return error instanceof AppError && error.expose ? error.description : 'The server could not complete the exchange.';
}
