import { recordLogEvent, type LogEventInput } from './log_events.js';
import type { ClientRepository, ConnectionRepository, LogRepository } from './ports.js';
import type { DomainLogger } from './token_vault_deps.js';

/** What recording an event needs: the log, and the clients and connections its facts are read from. */
export interface TenantLogDeps {
  readonly store: {
    readonly logs: Pick<LogRepository, 'append'>;
    readonly clients: Pick<ClientRepository, 'get'>;
    readonly connections: Pick<ConnectionRepository, 'getByName'>;
  };
  readonly logger: Pick<DomainLogger, 'error'>;
}

/** Records an event in its tenant's log (recordTenantEvent); resolves whether or not it was written. */
export type RecordEvent = (event: LogEventInput) => Promise<void>;

/**
 * The one writer of the tenants' logs for the running app (a login's, a token exchange's, the
 * vault's, a Management API call's, a dashboard change's): it adds what Auth0's events carry from
 * the stored records, the client's name for an event naming a client, and the connection's id,
 * strategy and strategy type for an event naming a connection, so that every event about the same
 * connection reads alike whoever recorded it. Both reads are served from the in-process cache, and
 * neither happens when the event already carries what it would add. Best effort: the work the event
 * is about is done, so a log store that fails is one line in the process log, never an error for the
 * caller.
 *
 * A store that cannot answer those reads (an outage) must not cost the event: it is appended with
 * what its caller said (the client's id, the connection's name), and the log's buffered writer keeps
 * it until the store is back, logging the outage at a slowing pace instead of once per event.
 */
export async function recordTenantEvent(deps: TenantLogDeps, event: LogEventInput): Promise<void> {
  // Dated before the reads, which may wait for a store that stopped answering.
  const at = { ...event, date: event.date ?? new Date() };
  try {
    await recordLogEvent(deps.store, { ...at, ...(await storedFacts(deps.store, at)) });
  } catch (error) {
    deps.logger.error({ err: error, tenant: event.tenant, type: event.type }, 'could not record a log event');
  }
}

async function storedFacts(store: TenantLogDeps['store'], event: LogEventInput): Promise<Partial<LogEventInput>> {
  const [client, connection] = await Promise.all([
    event.clientId !== undefined && event.clientName === undefined ? orNothing(store.clients.get(event.tenant, event.clientId)) : undefined,
    event.connection !== undefined && event.connectionId === undefined ? orNothing(store.connections.getByName(event.tenant, event.connection)) : undefined,
  ]);
  return {
    ...(client ? { clientName: client.name } : {}),
    // Every connection plugin signs people in at a third party: Auth0 calls that a social strategy.
    ...(connection ? { connectionId: connection.id, strategy: connection.strategy, strategyType: 'social' } : {}),
  };
}

/** A read the event can do without: the store's failure leaves out what it would have added. */
function orNothing<T>(read: Promise<T>): Promise<T | undefined> {
  return read.catch(() => undefined);
}
