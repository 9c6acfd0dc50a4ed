import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { recordLogEvent, type LogEventInput, type LogEventType } from '../../domain/log_events.js';
import type { Client } from '../../domain/types.js';
import { AppError } from '../../errors/index.js';
import type { GrantOutcome, SupportedGrantType } from './token_request.js';

/** Auth0's log event codes for each exchange at /oauth/token. */
const EVENT_TYPES: Readonly<Record<SupportedGrantType, { success: LogEventType; failure: LogEventType }>> = {
  authorization_code: { success: 'seacft', failure: 'feacft' },
  refresh_token: { success: 'sertft', failure: 'fertft' },
  client_credentials: { success: 'seccft', failure: 'feccft' },
};

export type TokenExchangeEntry =
  | { grantType: SupportedGrantType; client: Client; outcome: GrantOutcome }
  | { grantType: SupportedGrantType; clientId: string | undefined; error: unknown };

export type TokenExchangeLog = (req: Request, entry: TokenExchangeEntry) => Promise<void>;

/**
 * Records each exchange in the tenant's log. Only codes and descriptions are written, never a
 * parameter of the request, so no code, token or secret reaches the log. Recording is best effort:
 * a failing log store is reported to the process log and never changes the client's answer.
 */
export function tokenExchangeLog(deps: Pick<AppDeps, 'store' | 'logger'>): TokenExchangeLog {
  return async (req, entry) => {
    const event = toLogEvent(req, entry);
    try {
      await recordLogEvent(deps.store, event);
    } catch (error) {
      deps.logger.warn({ err: error, type: event.type }, 'could not record a token exchange log event');
    }
  };
}

function toLogEvent(req: Request, entry: TokenExchangeEntry): LogEventInput {
  const types = EVENT_TYPES[entry.grantType];
  const userAgent = req.get('user-agent');
  const common = {
    tenant: req.context.tenant.name,
    ...(req.ip === undefined ? {} : { ip: req.ip }),
    ...(userAgent === undefined ? {} : { userAgent }),
  };
  if ('outcome' in entry) {
    const { userId, connection } = entry.outcome;
    return {
      ...common,
      type: types.success,
      clientId: entry.client.clientId,
      clientName: entry.client.name,
      ...(userId === undefined ? {} : { userId }),
      ...(connection === undefined ? {} : { connection }),
    };
  }
  return {
    ...common,
    type: types.failure,
    description: failureDescription(entry.error),
    ...(entry.clientId === undefined ? {} : { clientId: entry.clientId }),
    details: { error: entry.error instanceof AppError ? entry.error.code : 'server_error' },
  };
}

function failureDescription(error: unknown): string {
  return error instanceof AppError && error.expose ? error.description : 'The server could not complete the exchange.';
}
