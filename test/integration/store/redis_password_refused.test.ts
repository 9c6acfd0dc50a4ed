import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { connectRedis } from '../../../src/store/redis/connect_redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

/**
 * A Redis that wants a password accepts the connection and refuses the first command: starting
 * against it fails at once with a message naming REDIS_URL, as a Redis that does not answer does.
 */
describeWithRedisServer('connecting to a Redis that wants a password', () => {
  let redis: OwnRedisServer;
  beforeAll(async () => {
    redis = await startOwnRedisServer();
    const admin = createClient({ url: redis.url });
    await admin.connect();
    await admin.configSet('requirepass', 'the-right-password');
    admin.destroy();
  });
  afterAll(() => redis?.cleanup());

  it('fails naming REDIS_URL and the refusal when no password is given', async () => {
    const failure = await connectRedis({ url: redis.url }).then(
      (client) => void client.destroy(),
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^cannot connect to Redis at REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\): NOAUTH/);
  });

  it('connects with the password', async () => {
    const client = await connectRedis({ url: `redis://:the-right-password@127.0.0.1:${redis.port}` });
    try {
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.destroy();
    }
  });
});
