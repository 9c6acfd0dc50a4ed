import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { connectRedis } from '../../../src/store/redis/connect_redis.js';
import { asStoreUnavailable } from '../../../src/store/store_unavailable.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

/**
 * A Redis paused (or cut off) when fitgate connects accepts the TCP connection and answers nothing.
 * The first connection gives up, naming REDIS_URL, as a store unavailable for now: a start fails
 * instead of hanging, and a new cluster worker exits to be retried (exit 75) rather than waiting
 * for ever where the primary cannot see it.
 */
describeWithRedisServer('connecting to a Redis that answers nothing', () => {
  let redis: OwnRedisServer;

  beforeAll(async () => {
    redis = await startOwnRedisServer();
  }, 60_000);

  afterAll(async () => {
    redis?.resume();
    await redis?.cleanup();
  });

  it('gives up as a store unavailable for now, naming REDIS_URL', async () => {
    redis.pause();
    try {
      const outcome = await connectRedis({ url: redis.url }).then(
        async (client) => {
          client.destroy();
          return 'connected';
        },
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(/^cannot connect to Redis at REDIS_URL \(redis:\/\/[^)]+\): it accepted the connection but answered nothing within 5000 ms$/);
      expect(asStoreUnavailable(outcome)).toBeDefined();
    } finally {
      redis.resume();
    }
  }, 30_000);
});
