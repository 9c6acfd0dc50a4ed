import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { connectRedis } from '../../../src/store/redis/connect_redis.js';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

/**
 * The Redis store's own operations, whatever calls them: while Redis is down or stalled each one
 * rejects with StoreUnavailableError within the bound instead of waiting for Redis, including the
 * MULTI transactions rate-limiter-flexible sends (node-redis's offline check skips those).
 */

const BOUND_MS = 2000;

describeWithRedisServer('Redis store operations while Redis is unreachable', () => {
  let redis: OwnRedisServer;
  let store: RedisStore;

  beforeAll(async () => {
    redis = await startOwnRedisServer();
    store = new RedisStore(await connectRedis({ url: redis.url }), 'fitgate-fail-fast:');
  }, 60_000);

  afterAll(async () => {
    redis?.resume();
    await store?.close();
    await redis?.cleanup();
  });

  const operations = () => {
    const limiter = store.rateLimiter({ keyPrefix: 'fail_fast', points: 5, durationSeconds: 60 });
    return [
      { what: 'a document read', run: () => store.users.get('default', 'fitbit|1') },
      { what: 'a short-lived record', run: () => store.ephemeral.put('ticket', 'k', 'v', 60) },
      { what: 'a rate limit consumed (EVALSHA)', run: () => limiter.consume('203.0.113.7') },
      { what: 'a rate limit read (MULTI)', run: () => limiter.get('203.0.113.7') },
      { what: 'a ping', run: () => store.ping() },
    ];
  };

  async function expectEachUnavailableInTime(): Promise<void> {
    for (const { what, run } of operations()) {
      const started = Date.now();
      const outcome = await run().then(
        () => 'answered',
        (error: unknown) => error,
      );
      expect({ what, unavailable: outcome instanceof StoreUnavailableError }).toEqual({ what, unavailable: true });
      expect({ what, withinBound: Date.now() - started < BOUND_MS }).toEqual({ what, withinBound: true });
    }
  }

  it('rejects each operation as unavailable within 2 s while Redis is stopped', async () => {
    await redis.kill();
    try {
      await expectEachUnavailableInTime();
    } finally {
      await redis.start();
    }
  }, 60_000);

  it('rejects each operation as unavailable within 2 s while Redis is paused', async () => {
    // The connection must be up first, so the pause finds it established.
    for (let deadline = Date.now() + 5000; !store.client.isReady; ) {
      if (Date.now() > deadline) throw new Error('the store did not reconnect within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    redis.pause();
    try {
      await expectEachUnavailableInTime();
    } finally {
      redis.resume();
    }
  }, 60_000);
});
