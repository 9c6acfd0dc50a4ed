import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { describeWithRedis } from '../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId, userRecord } from './records.js';

describeWithRedis('a Redis user update after a read of the user', () => {
  let testStore: TestStore<RedisStore>;
  // Another client, as another process would write the same user.
  let other: RedisStore;

  beforeAll(async () => {
    testStore = await openRedisTestStore('redis_user_update_reads');
    other = await testStore.reopen();
  });
  afterAll(async () => testStore.cleanup());

  it('does not read the user again: the write checks the text it read', async () => {
    const store = testStore.store;
    const user = userRecord(uniqueId('t'), { name: 'Ada' });
    await store.users.create(user);
    const read = (await store.users.get(user.tenant, user.userId))!;
    const gets = jest.spyOn(store.client, 'get');
    try {
      await store.users.update({ ...read, loginsCount: read.loginsCount + 1 });
      expect(gets).not.toHaveBeenCalled();
    } finally {
      gets.mockRestore();
    }
    expect((await other.users.get(user.tenant, user.userId))?.loginsCount).toBe(user.loginsCount + 1);
  });

  it('reads again when another process changed the user since the read, and the write still lands', async () => {
    const store = testStore.store;
    const user = userRecord(uniqueId('t'), { name: 'Ada' });
    await store.users.create(user);
    const read = (await store.users.get(user.tenant, user.userId))!;
    await other.users.update({ ...read, name: 'Ada Lovelace' });
    await store.users.update({ ...read, loginsCount: read.loginsCount + 1 });
    // The update is based on this process's read, so the last writer's whole record wins, as on
    // SQLite; what matters is that the write was not refused nor based on a text nobody checked.
    const stored = await other.users.get(user.tenant, user.userId);
    expect(stored?.loginsCount).toBe(user.loginsCount + 1);
  });
});
