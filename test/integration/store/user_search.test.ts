import { beforeAll, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import type { UserSearch, UserSearchClause } from '../../../src/domain/user_search.js';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { describeEachStore, type StoreHarness } from '../../support/stores.js';
import { identityRecord, uniqueId, userRecord } from './records.js';

const ids = (page: { items: User[] }) => page.items.map((user) => user.userId);
const where = (...groups: UserSearchClause[][]): UserSearch => ({ any: groups.map((all) => ({ all })) });

describeEachStore('structured user search', (h) => {
  const tenant = uniqueId('t');
  const base = Date.UTC(2026, 0, 1);
  const people: Array<Partial<User> & { upstreamId: string }> = [
    { upstreamId: 'U0', email: 'ada@example.com', name: 'Ada Lovelace' },
    { upstreamId: 'U1', email: 'Alan@Example.com', name: 'Alan Turing', blocked: true },
    { upstreamId: 'U2', email: 'grace@navy.example', name: 'Grace Hopper' },
    { upstreamId: 'U3', email: 'adam@example.com', name: 'Ada Byron', identities: [identityRecord('U3', { connection: 'google' })] },
    { upstreamId: 'u4', name: 'ada lovelace' },
  ];
  const list = (search: UserSearch, page = 0, perPage = 10) => h.store().users.list(tenant, { page, perPage, search });

  beforeAll(async () => {
    for (const [index, person] of people.entries()) {
      await h.store().users.create(userRecord(tenant, { createdAtMs: base + index * 60_000, ...person }));
    }
  });

  it('finds an exact email, case-insensitively', async () => {
    expect(ids(await list(where([{ field: 'email', match: 'exact', value: 'alan@example.com' }])))).toEqual(['fitbit|U1']);
  });

  it('does not take an email prefix for an exact email', async () => {
    expect((await list(where([{ field: 'email', match: 'exact', value: 'ada@example' }]))).total).toBe(0);
  });

  it('finds an exact name with its spaces, and a name prefix', async () => {
    expect(ids(await list(where([{ field: 'name', match: 'exact', value: 'Ada Lovelace' }])))).toEqual(['fitbit|U0', 'fitbit|u4']);
    expect(ids(await list(where([{ field: 'name', match: 'prefix', value: 'ada' }])))).toEqual(['fitbit|U3', 'fitbit|U0', 'fitbit|u4']);
  });

  it('compares user ids exactly, case included', async () => {
    expect(ids(await list(where([{ field: 'user_id', match: 'exact', value: 'fitbit|u4' }])))).toEqual(['fitbit|u4']);
    expect((await list(where([{ field: 'user_id', match: 'exact', value: 'fitbit|U4' }]))).total).toBe(0);
  });

  it('finds users by connection and by blocked', async () => {
    expect(ids(await list(where([{ field: 'identities.connection', match: 'exact', value: 'google' }])))).toEqual(['fitbit|U3']);
    expect(ids(await list(where([{ field: 'blocked', match: 'exact', value: 'true' }])))).toEqual(['fitbit|U1']);
    expect((await list(where([{ field: 'blocked', match: 'exact', value: 'false' }]))).total).toBe(4);
  });

  it('needs every clause of a group (AND)', async () => {
    const search = where([
      { field: 'name', match: 'prefix', value: 'ada' },
      { field: 'identities.connection', match: 'exact', value: 'fitbit' },
      { field: 'email', match: 'prefix', value: 'ada' },
    ]);
    expect(ids(await list(search))).toEqual(['fitbit|U0']);
  });

  it('needs any group (OR), each user once', async () => {
    const search = where(
      [{ field: 'blocked', match: 'exact', value: 'true' }],
      [{ field: 'email', match: 'prefix', value: 'a' }],
    );
    const page = await list(search);
    expect(ids(page)).toEqual(['fitbit|U1', 'fitbit|U0', 'fitbit|U3']);
    expect(page.total).toBe(3);
  });

  it('pages the matches', async () => {
    const search = where([{ field: 'name', match: 'prefix', value: 'ada' }]);
    expect(ids(await list(search, 1, 2))).toEqual(['fitbit|u4']);
    expect((await list(search, 1, 2)).total).toBe(3);
  });

  it('reads a bare term as a prefix of the email, name or user id', async () => {
    const search = where([
      { field: 'any', match: 'prefix', value: 'grace' },
      { field: 'blocked', match: 'exact', value: 'false' },
    ]);
    expect(ids(await list(search))).toEqual(['fitbit|U2']);
  });

  it('follows updates: a user unblocked and renamed is found by what it is now', async () => {
    const user = userRecord(tenant, { upstreamId: 'U9', email: 'old@example.com', name: 'Old Name', blocked: true });
    await h.store().users.create(user);
    await h.store().users.update({ ...user, email: 'new@example.com', name: 'New Name', blocked: false });
    expect((await list(where([{ field: 'email', match: 'exact', value: 'old@example.com' }]))).total).toBe(0);
    expect(ids(await list(where([{ field: 'name', match: 'exact', value: 'new name' }])))).toEqual(['fitbit|U9']);
    expect(ids(await list(where([{ field: 'blocked', match: 'exact', value: 'true' }])))).toEqual(['fitbit|U1']);
    await h.store().users.delete(tenant, user.userId);
    expect((await list(where([{ field: 'name', match: 'exact', value: 'new name' }]))).total).toBe(0);
  });

  it('indexes users stored before the field index existed on the first search of their tenant', async () => {
    const older = uniqueId('t');
    await h.store().users.create(userRecord(older, { upstreamId: 'OLD', email: 'kept@example.com' }));
    await forgetFieldIndex(h, older);
    expect(ids(await h.store().users.list(older, { page: 0, perPage: 10, search: where([{ field: 'email', match: 'exact', value: 'kept@example.com' }]) }))).toEqual([
      'fitbit|OLD',
    ]);
  });
});

/** Puts a tenant back to how a store written before the field index holds it: documents, no field terms. */
async function forgetFieldIndex(h: StoreHarness, tenant: string): Promise<void> {
  if (h.kind === 'sqlite') {
    const { db } = h.store() as SqliteStore;
    db.prepare('DELETE FROM user_field_terms WHERE tenant = ?').run(tenant);
    db.prepare('DELETE FROM user_field_terms_complete WHERE tenant = ?').run(tenant);
  } else {
    const store = h.store() as RedisStore;
    await store.client.del([store.keys.userFieldTerms(tenant), store.keys.userFieldTermsComplete(tenant)]);
  }
}
