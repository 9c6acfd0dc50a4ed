import { NotFoundInStoreError, type ConnectionRepository } from './ports.js';
import { changeStored } from './record_revisions.js';
import type { Connection } from './types.js';

/**
 * Every change to a stored connection comes through here: a settings save (credentials), an
 * application's switch, a PATCH of the connection or of its enabled clients, a deleted client taken
 * out of it, a new application enabled on it. Reads the connection as stored (never the process's
 * cache, which another worker's write reaches only after a moment), applies `change` and stores the
 * result at the revision it read; when another write landed in between (StaleRecordError), reads
 * again and applies `change` to that, so both writes count: an application enabled on one worker
 * right before a settings save on another stays enabled, and the save keeps its credentials.
 *
 * `change` states what it does to whatever record is current, may run several times and must only
 * compute (it may throw to refuse: nothing is written); it returns `current` itself to write
 * nothing. Resolves with the connection as stored. Throws NotFoundInStoreError when there is no
 * such connection, RecordBusyError when the retries ran out.
 */
export async function updateConnection(
  connections: Pick<ConnectionRepository, 'getStored' | 'update'>,
  tenant: string,
  id: string,
  change: (current: Connection) => Connection,
): Promise<Connection> {
  return changeStored(`connection ${id}`, () => connections.getStored(tenant, id), (connection) => connections.update(connection), change);
}

/**
 * `connection` with `clientId` enabled (or not): a change for updateConnection, which writes
 * nothing when the connection already is as asked.
 */
export function withClientEnabled(connection: Connection, clientId: string, enabled: boolean, now: Date = new Date()): Connection {
  if (connection.enabledClients.includes(clientId) === enabled) return connection;
  const others = connection.enabledClients.filter((id) => id !== clientId);
  return { ...connection, enabledClients: enabled ? [...others, clientId] : others, updatedAt: now.toISOString() };
}

/**
 * Takes a deleted client out of every connection of the tenant it was enabled for, each through
 * updateConnection: a connection changed meanwhile keeps that change, and one deleted meanwhile is
 * skipped.
 */
export async function forgetEnabledClient(
  connections: Pick<ConnectionRepository, 'list' | 'getStored' | 'update'>,
  tenant: string,
  clientId: string,
): Promise<void> {
  for (const connection of await connections.list(tenant)) {
    if (!connection.enabledClients.includes(clientId)) continue;
    await updateConnection(connections, tenant, connection.id, (current) => withClientEnabled(current, clientId, false)).catch(ignoreMissing);
  }
}

function ignoreMissing(error: unknown): void {
  if (!(error instanceof NotFoundInStoreError)) throw error;
}
