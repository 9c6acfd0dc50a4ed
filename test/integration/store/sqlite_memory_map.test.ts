import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MEMORY_MAP_BYTES } from '../../../src/store/sqlite/database.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId, userRecord } from './records.js';

describe("the embedded store's memory-mapped reads", () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('reads both files through a memory map', () => {
    const { store } = testStore;
    expect(store.db.pragma('mmap_size')).toEqual([{ mmap_size: MEMORY_MAP_BYTES }]);
    expect(store.shortLivedDb.pragma('mmap_size')).toEqual([{ mmap_size: MEMORY_MAP_BYTES }]);
  });

  it("sees at once what another connection to the same files commits, as a second worker's would", async () => {
    const reader = testStore.store;
    const writer = await testStore.reopen();
    const user = userRecord(uniqueId('t'));
    await writer.users.create(user);
    expect(await reader.users.get(user.tenant, user.userId)).toMatchObject({ userId: user.userId, loginsCount: user.loginsCount });
    await writer.users.update({ ...user, loginsCount: 41 });
    expect((await reader.users.get(user.tenant, user.userId))?.loginsCount).toBe(41);

    await writer.ephemeral.put('authorization_code', 'code-1', { userId: user.userId }, 60);
    expect(await reader.ephemeral.consume('authorization_code', 'code-1')).toEqual({ userId: user.userId });
    expect(await writer.ephemeral.get('authorization_code', 'code-1')).toBeUndefined();
  });
});
