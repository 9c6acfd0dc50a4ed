import { updateConnection } from './connection_updates.js';
import { deleteUserAndRevoke, unlinkIdentityAndRevoke, type RemovalDeps, type RevocationReport } from './identity_removal.js';
import type { ConnectionRepository } from './ports.js';
import type { Connection, User } from './types.js';

export interface ConnectionRemovalDeps {
  connections: Pick<ConnectionRepository, 'getStored' | 'update' | 'delete'>;
  removal: RemovalDeps;
}

export interface ConnectionRemoval {
  /** Users deleted with the connection. */
  deletedUsers: number;
  /** Identities of it unlinked from users that stay (their primary identity is of another connection). */
  unlinkedIdentities: number;
  /** Per identity (identityKey): what the upstream revocation did. */
  revocations: RevocationReport;
}

/** How many users one search reads; a page of users is removed before the next is read. */
const BATCH = 100;

/**
 * Deletes a connection as Auth0 does ("deletes a connection and all its users"), the one way it is
 * done (DELETE /api/v2/connections/{id}; the dashboard has no deletion of its own yet):
 *
 * 1. It is first enabled for no application, so no new login comes through it while it goes.
 * 2. Each user that came through it goes with it: one whose primary identity (the first, which the
 *    user id is made from) is of this connection is deleted, as DELETE /users/{id} deletes one; one
 *    that only has another identity of it linked keeps its account and loses that identity, as an
 *    unlink does. Either way the identity's sealed tokens leave the store under its refresh lock and
 *    its upstream grant is revoked, best effort (identity_removal.ts).
 * 3. Then the record itself, and with it its sealed client secret and its enabled clients.
 *
 * In that order a step that fails leaves a connection that still exists, enabled nowhere, and
 * deleted by trying again; never users whose identity names a connection that is gone. Resolves
 * undefined when there was no such connection.
 */
export async function deleteConnection(deps: ConnectionRemovalDeps, tenant: string, id: string): Promise<ConnectionRemoval | undefined> {
  const stored = await deps.connections.getStored(tenant, id);
  if (!stored) return undefined;
  const connection = await updateConnection(deps.connections, tenant, id, (current) =>
    current.enabledClients.length === 0 ? current : { ...current, enabledClients: [], updatedAt: new Date().toISOString() },
  );
  const removal: ConnectionRemoval = { deletedUsers: 0, unlinkedIdentities: 0, revocations: {} };
  await removeUsersOf(deps.removal, connection, removal);
  await deps.connections.delete(tenant, id);
  return removal;
}

/**
 * The search by `identities.connection` compares names case-insensitively, so a page may hold users
 * of another connection whose name differs only in case: they are skipped, and once a page has none
 * of this connection's left to remove the next page is read. Removed users leave the search, so a
 * page with some is read again.
 */
async function removeUsersOf(deps: RemovalDeps, connection: Connection, removal: ConnectionRemoval): Promise<void> {
  const search = { any: [{ all: [{ field: 'identities.connection', match: 'exact', value: connection.name } as const] }] };
  // A user found again after its turn (an identity an unlink could not take away) is not taken twice.
  const done = new Set<string>();
  let page = 0;
  for (;;) {
    const { items } = await deps.users.list(connection.tenant, { page, perPage: BATCH, search });
    const targets = items.filter((user) => !done.has(user.userId) && throughConnection(user, connection.name));
    if (targets.length === 0) {
      if (items.length < BATCH) return;
      page += 1;
      continue;
    }
    for (const user of targets) {
      done.add(user.userId);
      await removeUserOf(deps, user, connection.name, removal);
    }
  }
}

async function removeUserOf(deps: RemovalDeps, user: User, name: string, removal: ConnectionRemoval): Promise<void> {
  if (user.identities[0]?.connection === name) {
    const revocations = await deleteUserAndRevoke(deps, user.tenant, user.userId);
    if (revocations) {
      removal.deletedUsers += 1;
      Object.assign(removal.revocations, revocations);
    }
    return;
  }
  for (const identity of user.identities.filter((candidate) => candidate.connection === name)) {
    const { revocations } = await unlinkIdentityAndRevoke(deps, { tenant: user.tenant, userId: user.userId, connection: name, upstreamUserId: identity.userId });
    removal.unlinkedIdentities += 1;
    Object.assign(removal.revocations, revocations);
  }
}

function throughConnection(user: User, name: string): boolean {
  return user.identities.some((identity) => identity.connection === name);
}
