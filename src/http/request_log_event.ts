import type { Request } from 'express';
import type { AppDeps } from '../app_deps.js';
import { recordLogEvent, type LogEventInput } from '../domain/log_events.js';
import { requestLogFacts } from './request_log_facts.js';

export type RequestEvent = Omit<LogEventInput, 'tenant' | 'ip' | 'userAgent' | 'hostname'>;

/**
 * Records an Auth0-coded event about this request, adding what Auth0's events carry: the tenant,
 * IP, user agent and hostname, and from the stored records the client's name and the connection's
 * id, strategy and strategy type (both reads are served from the in-process cache). The tenant is
 * the request's, unless the event is about another one (the dashboard's TRY of a tenant it manages
 * from another tenant's host). Best effort: a log store that fails is reported to the process log
 * and never changes the answer. Every login-like event goes through here (a login's, a token
 * exchange's, a logout's, a TRY's), so that all of them carry the same facts.
 */
export async function recordRequestEvent(
  deps: Pick<AppDeps, 'store' | 'logger'>,
  req: Request,
  event: RequestEvent,
  tenant: string = req.context.tenant.name,
): Promise<void> {
  try {
    await recordLogEvent(deps.store, {
      ...event,
      ...(await storedFacts(deps, tenant, event)),
      tenant,
      ...requestLogFacts(req),
    });
  } catch (error) {
    deps.logger.warn({ err: error, type: event.type }, 'could not record a log event');
  }
}

async function storedFacts(deps: Pick<AppDeps, 'store'>, tenant: string, event: RequestEvent): Promise<Partial<LogEventInput>> {
  const [client, connection] = await Promise.all([
    event.clientId !== undefined && event.clientName === undefined ? deps.store.clients.get(tenant, event.clientId) : undefined,
    event.connection !== undefined ? deps.store.connections.getByName(tenant, event.connection) : undefined,
  ]);
  return {
    ...(client ? { clientName: client.name } : {}),
    // Every connection plugin signs people in at a third party: Auth0 calls that a social strategy.
    ...(connection ? { connectionId: connection.id, strategy: connection.strategy, strategyType: 'social' } : {}),
  };
}
