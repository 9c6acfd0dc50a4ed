import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { describeWithRedis, redisUrl } from '../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { uniqueId } from './records.js';

describeWithRedis('Redis rate limiter increments', () => {
  let testStore: TestStore<RedisStore>;
  const monitor = createClient({ url: redisUrl });
  /** Commands the server ran (inside scripts too), as MONITOR prints them. */
  const seen: string[] = [];

  beforeAll(async () => {
    testStore = await openRedisTestStore('redis_rate_limit_script');
    await monitor.connect();
    await monitor.monitor((line) => seen.push(line));
  });
  afterAll(async () => {
    monitor.destroy();
    await testStore.cleanup();
  });

  it('creates the window with its expiry on the first hit and only counts on the next, never moving the expiry', async () => {
    const { store } = testStore;
    const name = uniqueId('limit');
    const limiter = store.rateLimiter({ keyPrefix: name, points: 10, durationSeconds: 60 });
    const first = await limiter.consume('ip');
    expect(first.consumedPoints).toBe(1);
    expect(first.msBeforeNext).toBe(60_000);
    const key = (await store.client.keys(`*${name}*`))[0]!;
    const ttlAfterFirst = await store.client.pTTL(key);
    expect(ttlAfterFirst).toBeGreaterThan(50_000);

    const second = await limiter.consume('ip');
    expect(second.consumedPoints).toBe(2);
    expect(second.msBeforeNext).toBeLessThanOrEqual(ttlAfterFirst);
    expect(await store.client.pTTL(key)).toBeLessThanOrEqual(ttlAfterFirst);

    // MONITOR lines arrive asynchronously; each hit's last command is its PTTL.
    const onKey = async () => {
      const lines = seen.filter((line) => line.includes(`"${key}"`) && !line.includes('"EVAL'));
      return lines.filter((line) => /"pttl"/i.test(line) && line.includes('lua')).length >= 2 ? lines : undefined;
    };
    const lines = await eventually(onKey, 'both hits are seen by MONITOR');
    const commands = lines.filter((line) => line.includes('lua')).map((line) => /\] "(\w+)"/.exec(line)?.[1]?.toLowerCase());
    expect(commands).toEqual(['incrby', 'pttl', 'expire', 'incrby', 'pttl']);
  });
});
