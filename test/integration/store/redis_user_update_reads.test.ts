import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { StaleRecordError } from '../../../src/domain/ports.js';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { describeWithRedis } from '../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId, userRecord } from './records.js';

/** Where node-redis's `node-redis:command` tracing channel (node:diagnostics_channel) announces each command it sends. */
const COMMAND_STARTS = 'tracing:node-redis:command:start';

/**
 * What `action` returns, and the keys it read with GET, as node-redis sent the commands: every
 * command goes through the client's sendCommand, which announces it there. Watching there sees what
 * the repositories send through the guarded client (guarded_client.ts); a spy put on
 * `store.client.get` would not, since the guarded client keeps calling the method it found at its
 * first use.
 */
async function watchingGets<T>(action: () => Promise<T>): Promise<{ result: T; keysRead: string[] }> {
  const keysRead: string[] = [];
  const onCommand = (message: unknown) => {
    const { command, args } = message as { command: string; args: string[] };
    if (command === 'GET') keysRead.push(args[1]!);
  };
  subscribe(COMMAND_STARTS, onCommand);
  try {
    return { result: await action(), keysRead };
  } finally {
    unsubscribe(COMMAND_STARTS, onCommand);
  }
}

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
    const key = store.keys.user(user.tenant, user.userId);
    // The control: the read is seen by the same watch, so the update's empty list means no GET was sent.
    const read = await watchingGets(() => store.users.get(user.tenant, user.userId));
    expect(read.keysRead).toEqual([key]);
    const stored = read.result!;
    const update = await watchingGets(() => store.users.update({ ...stored, loginsCount: stored.loginsCount + 1 }));
    expect(update.keysRead).toEqual([]);
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
