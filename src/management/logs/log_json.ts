import type { LogEvent } from '../../domain/types.js';

/** A log event in Auth0's shape. */
export function logJson(event: LogEvent): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({
      log_id: event.id,
      date: event.date,
      type: event.type,
      description: event.description,
      client_id: event.clientId,
      client_name: event.clientName,
      connection: event.connection,
      user_id: event.userId,
      user_name: event.userName,
      ip: event.ip,
      user_agent: event.userAgent,
      hostname: event.hostname,
      strategy: event.strategy,
      strategy_type: event.strategyType,
      connection_id: event.connectionId,
      details: event.details,
    }).filter(([, value]) => value !== undefined),
  );
}
