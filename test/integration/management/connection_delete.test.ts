import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { newConnection } from '../../../src/domain/new_connection.js';
import type { Identity, User } from '../../../src/domain/types.js';
import { useManagementHarness } from './harness.js';

// DELETE /api/v2/connections/{id}: Auth0 answers 202 ("The connection is being deleted.") and
// deletes the connection's users with it. fitgate deletes them before it answers.

let admin: string;
let readerOnly: string;
const harness = useManagementHarness('management-connection-delete', async (started) => {
  admin = await started.tokenWith(['create:connections', 'read:connections', 'delete:connections', 'read:logs']);
  readerOnly = await started.tokenWith(['read:connections']);
});

function identity(connection: string, upstreamId: string): Identity {
  return { provider: 'fitbit', connection, userId: upstreamId, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' };
}

async function seed(userId: string, identities: Identity[]): Promise<User> {
  const at = new Date().toISOString();
  const user: User = { tenant: harness.tenant.name, userId, identities, loginsCount: 1, createdAt: at, updatedAt: at };
  await harness.store.users.create(user);
  return user;
}

describe('DELETE /api/v2/connections/{id}', () => {
  it('deletes the connection (202, no body), the users that came through it, its identities linked elsewhere, and nothing else', async () => {
    const { client } = await createClient(harness.store.clients, { tenant: harness.tenant.name, name: 'web app', appType: 'regular_web' });
    // A second fitbit connection beside the harness's: POST refuses one now (one per strategy), yet a
    // store may hold two (two creations that raced), and deleting one must leave the other whole.
    const gone = newConnection(harness.tenant.name, { strategy: 'fitbit' }, { ...harness.connection.options, clientId: 'gone.apps.googleusercontent.com' }, new Date(), 'fitbit-gone');
    gone.enabledClients = [client.clientId];
    await harness.store.connections.create(gone);
    const id = gone.id;
    const own = await seed('fitbit|OWN1', [identity('fitbit-gone', 'OWN1')]);
    const linked = await seed('fitbit|KEEP1', [identity('fitbit', 'KEEP1'), identity('fitbit-gone', 'LINKED1')]);
    // Found by the case-insensitive connection search, yet of another connection name: kept.
    const lookalike = await seed('fitbit|CASE1', [identity('Fitbit-Gone', 'CASE1')]);
    const other = await seed('fitbit|OTHER1', [identity('fitbit', 'OTHER1')]);

    const response = await harness.call('delete', `/connections/${id}`, admin);

    expect(response.status).toBe(202);
    expect(response.text).toBe('');
    expect(await harness.store.connections.getStored(harness.tenant.name, id)).toBeUndefined();
    expect((await harness.call('get', `/connections/${id}`, admin)).status).toBe(404);
    expect(await harness.store.users.get(own.tenant, own.userId)).toBeUndefined();
    expect((await harness.store.users.get(linked.tenant, linked.userId))!.identities).toEqual([expect.objectContaining({ connection: 'fitbit', userId: 'KEEP1' })]);
    expect(await harness.store.users.get(lookalike.tenant, lookalike.userId)).toEqual(expect.objectContaining({ identities: lookalike.identities }));
    expect(await harness.store.users.get(other.tenant, other.userId)).toEqual(expect.objectContaining({ identities: other.identities }));
    // The tenant's other connection keeps its enabled clients and its record.
    expect(await harness.store.connections.get(harness.tenant.name, harness.connection.id)).toBeDefined();

    const logs = await harness.call('get', '/logs?type=sapi&per_page=1', admin).expect(200);
    expect((logs.body as Array<Record<string, unknown>>)[0]).toMatchObject({
      description: 'Delete a connection',
      details: {
        request: { method: 'DELETE', path: `/api/v2/connections/${id}` },
        response: { statusCode: 202 },
        deleted_users: 1,
        unlinked_identities: 1,
        upstream_revocation: { revoked: 0, nothing_to_revoke: 2, failed: 0 },
      },
    });
  });

  it('answers 404 in Auth0’s shape for a connection the tenant does not have', async () => {
    const response = await harness.call('delete', '/connections/con_nothere', admin);

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'The connection does not exist: con_nothere', errorCode: 'inexistent_connection' });
  });

  it('needs delete:connections', async () => {
    const response = await harness.call('delete', `/connections/${harness.connection.id}`, readerOnly);

    expect(response.status).toBe(403);
    expect((response.body as { message: string }).message).toBe('Insufficient scope, expected any of: delete:connections');
    expect(await harness.store.connections.get(harness.tenant.name, harness.connection.id)).toBeDefined();
  });
});
