import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { REDIS_LOG_BATCH_DELAY_MS, REDIS_LOG_BATCH_MAX_EVENTS } from '../../../src/store/redis/log_append_batch.js';
import { describeWithRedis } from '../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { logRecord, uniqueId } from './records.js';

describeWithRedis('log events written in batches on Redis', () => {
  let testStore: TestStore<RedisStore>;
  // Another client, as another process would read Redis: it never flushes this store's batch.
  let reader: RedisStore;
  const written = async (store: RedisStore, tenant: string): Promise<number> => reader.client.zCard(store.keys.logList(tenant));
  const execs = async (): Promise<number> => {
    const stats = await reader.client.info('commandstats');
    return Number(/cmdstat_exec:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  };

  beforeAll(async () => {
    testStore = await openRedisTestStore('redis_log_batches');
    reader = await testStore.reopen();
  });
  afterAll(async () => testStore.cleanup());

  it('writes many appends in one MULTI, within the batch delay, without a read to trigger it', async () => {
    const store = testStore.store;
    const tenant = uniqueId('t');
    const execsBefore = await execs();
    const started = Date.now();
    for (let i = 0; i < 10; i += 1) await store.logs.append(logRecord(tenant, { type: 's' }));
    expect(await written(store, tenant)).toBe(0);
    await eventually(async () => ((await written(store, tenant)) === 10 ? true : undefined), 'the batch is written');
    expect(Date.now() - started).toBeLessThan(REDIS_LOG_BATCH_DELAY_MS + 1000);
    // Other test files share the server: at most a few of their MULTIs, never one per event.
    expect((await execs()) - execsBefore).toBeLessThan(5);
  });

  it('writes a full batch at once and the rest on close', async () => {
    const store = await testStore.reopen();
    const tenant = uniqueId('t');
    for (let i = 0; i < REDIS_LOG_BATCH_MAX_EVENTS + 3; i += 1) await store.logs.append(logRecord(tenant, { type: 's' }));
    // The full batch goes at once; the last 3 follow on the timer or on close, whichever comes first.
    await eventually(async () => ((await written(store, tenant)) >= REDIS_LOG_BATCH_MAX_EVENTS ? true : undefined), 'the full batch is written');
    await store.close();
    expect(await written(store, tenant)).toBe(REDIS_LOG_BATCH_MAX_EVENTS + 3);
  });

  it('shows a reader in the same process its own appends at once, and keeps the first of an id still in the batch', async () => {
    const store = testStore.store;
    const event = logRecord(uniqueId('t'), { type: 'f' });
    await store.logs.append(event);
    await store.logs.append({ ...event, description: 'a retry with other words' });
    expect(await store.logs.get(event.tenant, event.id)).toEqual(event);
    expect(await store.logs.list(event.tenant, { page: 0, perPage: 10 })).toMatchObject({ total: 1 });
  });
});
