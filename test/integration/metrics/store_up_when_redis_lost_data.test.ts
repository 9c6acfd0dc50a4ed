import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { instrumentStore } from '../../../src/metrics/instrument_store.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { describeWithRedis, deleteKeysWithPrefix } from '../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../support/stores.js';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';

/**
 * fitgate_store_up says what /health/ready says: a Redis that still answers but has lost fitgate's
 * data is a store that cannot serve (0), not one that is up because PING works.
 */
describeWithRedis('fitgate_store_up on a Redis that lost its data', () => {
  let test: TestStore<RedisStore>;
  const metrics = createPrometheusMetrics();
  const storeUp = async () => /^fitgate_store_up (\S+)$/m.exec(await metrics.registry.metrics())?.[1];

  beforeAll(async () => {
    test = await openRedisTestStore('store-up-lost');
    instrumentStore(test.store, metrics.store);
  });

  afterAll(async () => {
    await test?.cleanup();
  });

  it('is 1 while the data is there, and 0 once it is gone though Redis still answers', async () => {
    expect(await storeUp()).toBe('1');
    await deleteKeysWithPrefix(test.location);
    await test.store.ping();
    expect(await storeUp()).toBe('0');
  });
});
