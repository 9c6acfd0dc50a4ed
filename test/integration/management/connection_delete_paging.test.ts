import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Identity, User } from '../../../src/domain/types.js';
import { describeWithRedis } from '../../support/redis.js';
import type { StoreKind } from '../../support/stores.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

// DELETE /api/v2/connections/{id} finds the connection's users by the case-insensitive
// `identities.connection` search, a page at a time (domain/connection_removal.ts): every one goes,
// past the first page, and a user of a connection whose name differs only in case stays, however
// many of them the search answers first. On each store, whose search indexes differ.

function identity(connection: string, upstreamId: string): Identity {
  return { provider: 'fitbit', connection, userId: upstreamId, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' };
}

function suite(kind: StoreKind): void {
  let harness: ManagementHarness;
  let admin: string;

  beforeAll(async () => {
    harness = await startManagementHarness(`management-connection-delete-paging-${kind}`, { store: kind });
    admin = await harness.tokenWith(['create:connections', 'delete:connections']);
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  async function seed(userId: string, identities: Identity[]): Promise<void> {
    const at = new Date().toISOString();
    const user: User = { tenant: harness.tenant.name, userId, identities, loginsCount: 1, createdAt: at, updatedAt: at };
    await harness.store.users.create(user);
  }

  it('deletes every user of the connection past one search page, and no user of a look-alike name', async () => {
    // One connection per strategy in a tenant: the harness's goes first.
    await harness.store.connections.delete(harness.tenant.name, harness.connection.id);
    const created = await harness.call('post', '/connections', admin, { name: 'fitbit-many', strategy: 'fitbit' }).expect(201);
    for (let index = 0; index < 120; index += 1) await seed(`fitbit|A${String(index).padStart(3, '0')}`, [identity('Fitbit-Many', `A${index}`)]);
    for (let index = 0; index < 130; index += 1) await seed(`fitbit|B${String(index).padStart(3, '0')}`, [identity('fitbit-many', `B${index}`)]);

    expect((await harness.call('delete', `/connections/${(created.body as { id: string }).id}`, admin)).status).toBe(202);

    const left = (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 1000 })).items.map((user) => user.userId);
    expect(left.filter((userId) => userId.startsWith('fitbit|B'))).toEqual([]);
    expect(left.filter((userId) => userId.startsWith('fitbit|A'))).toHaveLength(120);
  });
}

describe('DELETE /api/v2/connections/{id} with many users, on the embedded store', () => suite('sqlite'));
describeWithRedis('DELETE /api/v2/connections/{id} with many users, on Redis', () => suite('redis'));
