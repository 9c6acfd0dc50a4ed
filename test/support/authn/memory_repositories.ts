import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError } from '../../../src/domain/ports.js';
import type { ClientRepository, ConnectionRepository, EphemeralStore, UserRepository } from '../../../src/domain/ports.js';
import type { Client, Connection, User } from '../../../src/domain/types.js';
import { isSameRevision, nextRevision } from '../../../src/domain/record_revisions.js';

// Small in-memory repositories for unit tests of code that only reads or writes a few records.
// Integration tests use the real adapters from test/support/stores.ts instead.

const copy = <T>(value: T): T => structuredClone(value);

export function memoryClients(clients: Client[]): Pick<ClientRepository, 'get'> {
  return { get: async (tenant, clientId) => copy(clients.find((c) => c.tenant === tenant && c.clientId === clientId)) };
}

export function memoryConnections(connections: Connection[]): Pick<ConnectionRepository, 'getByName' | 'list'> {
  return {
    getByName: async (tenant, name) => copy(connections.find((c) => c.tenant === tenant && c.name === name)),
    list: async (tenant) => copy(connections.filter((c) => c.tenant === tenant)),
  };
}

export type MemoryUsers = Pick<UserRepository, 'get' | 'findByIdentity' | 'create' | 'update'> & { all(): User[] };

export function memoryUsers(initial: User[] = []): MemoryUsers {
  const users = new Map(initial.map((user) => [`${user.tenant}/${user.userId}`, copy(user)]));
  return {
    all: () => [...users.values()].map(copy),
    get: async (tenant, userId) => copy(users.get(`${tenant}/${userId}`)),
    findByIdentity: async (tenant, connection, upstreamUserId) =>
      copy(
        [...users.values()].find(
          (user) =>
            user.tenant === tenant &&
            user.identities.some(
              (identity) =>
                identity.connection === connection &&
                (identity.userId === upstreamUserId || identity.legacyUserId === upstreamUserId),
            ),
        ),
      ),
    create: async (user) => {
      if (users.has(`${user.tenant}/${user.userId}`)) throw new AlreadyExistsError(`user ${user.userId}`);
      users.set(`${user.tenant}/${user.userId}`, copy(user));
    },
    update: async (user) => {
      const stored = users.get(`${user.tenant}/${user.userId}`);
      if (!stored) throw new NotFoundInStoreError(`user ${user.userId}`);
      if (!isSameRevision(stored, user)) throw new StaleRecordError(`user ${user.userId}`);
      const updated = nextRevision(user);
      users.set(`${user.tenant}/${user.userId}`, copy(updated));
      return copy(updated);
    },
  };
}

export function memoryEphemeral(): EphemeralStore & { size(): number } {
  const records = new Map<string, unknown>();
  return {
    size: () => records.size,
    put: async (kind, key, value) => void records.set(`${kind}:${key}`, copy(value)),
    get: async <T>(kind: string, key: string) => copy(records.get(`${kind}:${key}`)) as T | undefined,
    consume: async <T>(kind: string, key: string) => {
      const value = records.get(`${kind}:${key}`) as T | undefined;
      records.delete(`${kind}:${key}`);
      return value;
    },
    delete: async (kind, key) => records.delete(`${kind}:${key}`),
  };
}
