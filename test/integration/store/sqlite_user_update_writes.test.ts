import { afterAll, beforeAll, expect, it, describe } from '@jest/globals';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId, userRecord } from './records.js';

describe('an embedded user update', () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  /** Rows the update inserted, updated or deleted in fitgate.db (SQLite's own count). */
  async function rowsWrittenBy(change: () => Promise<unknown>): Promise<number> {
    const totalChanges = (): number => (testStore.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = totalChanges();
    await change();
    return totalChanges() - before;
  }

  it('writes only the document when a returning user logs in (tokens and a login count change, no index entry)', async () => {
    const user = userRecord(uniqueId('t'), { name: 'Ada', email: 'ada@example.com' });
    await testStore.store.users.create(user);
    expect(await rowsWrittenBy(() => testStore.store.users.update({ ...user, loginsCount: 2, lastLogin: new Date().toISOString() }))).toBe(1);
  });

  it('writes the changed index entries alone, and searches and identity lookups follow them', async () => {
    const user = userRecord(uniqueId('t'), { name: 'Ada', email: 'ada@example.com' });
    await testStore.store.users.create(user);
    const [identity] = user.identities;
    const moved = { ...identity!, userId: uniqueId('NEW') };
    // The email's search term and field term go and come back changed; the identity moves.
    const written = await rowsWrittenBy(() => testStore.store.users.update({ ...user, email: 'lovelace@example.com', identities: [moved] }));
    expect(written).toBe(1 + 2 * 2 + 2);

    const { users } = testStore.store;
    expect((await users.list(user.tenant, { q: 'lovelace', page: 0, perPage: 10 })).items.map((found) => found.userId)).toEqual([user.userId]);
    expect((await users.list(user.tenant, { q: 'ada@', page: 0, perPage: 10 })).items).toEqual([]);
    expect(await users.findByIdentity(user.tenant, identity!.connection, identity!.userId)).toBeUndefined();
    expect((await users.findByIdentity(user.tenant, moved.connection, moved.userId))?.userId).toBe(user.userId);
  });
});
