import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { StaleRecordError } from '../../../src/domain/ports.js';
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

  it('refuses a write from a read another process has overtaken, and keeps the other write', async () => {
    const store = testStore.store;
    const user = userRecord(uniqueId('t'), { name: 'Ada' });
    await store.users.create(user);
    const read = (await store.users.get(user.tenant, user.userId))!;
    await other.users.update({ ...read, name: 'Ada Lovelace' });
    // The text this process read is stale, and so is the record built from it: writing it would
    // undo the other process's change (a login undoing a block, say). The caller reads again.
    await expect(store.users.update({ ...read, loginsCount: read.loginsCount + 1 })).rejects.toBeInstanceOf(StaleRecordError);
    const stored = await other.users.get(user.tenant, user.userId);
    expect(stored).toMatchObject({ name: 'Ada Lovelace', loginsCount: user.loginsCount, revision: 1 });
  });
});
