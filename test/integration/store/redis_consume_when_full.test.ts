import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { StoreFullError } from '../../../src/errors/index.js';
import { connectRedis } from '../../../src/store/redis/connect_redis.js';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import { uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { uniqueId } from './records.js';

/**
 * A full Redis (maxmemory under noeviction) refuses the commands that may grow memory, and GETDEL
 * is not one of them: a consume must still be refused there, as every write is, and leave its
 * record in place. /login/callback relies on it: the take of its login is its first write, and a
 * refused take is what lets the same callback URL finish the login once Redis has room again.
 * Runs on a redis-server of its own whose maxmemory it sets to 1 byte (over it for good, whatever
 * it holds); the shared server's settings are left alone.
 */
describeWithRedisServer('consuming a short-lived record while Redis is full', () => {
  let redis: OwnRedisServer;
  /** A connection of the test's own, to change maxmemory as an operator would. */
  let operator: ReturnType<typeof createClient>;
  let store: RedisStore;

  beforeAll(async () => {
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    operator = createClient({ url: redis.url });
    operator.on('error', () => undefined);
    await operator.connect();
    store = new RedisStore(await connectRedis({ url: redis.url }), uniquePrefix('consume-full'));
  }, 30_000);

  afterAll(async () => {
    await operator?.configSet('maxmemory', '0');
    await store?.close();
    operator?.destroy();
    await redis?.cleanup();
  });

  it('is refused as full, takes nothing, and hands the record out once Redis has room again', async () => {
    const plain = uniqueId('login');
    const tombstoned = uniqueId('code');
    await store.ephemeral.put('login_transaction', plain, { state: 'kept' }, 60);
    await store.ephemeral.put('authorization_code', tombstoned, { userId: 'fitbit|X' }, 60);
    const leave = { kind: 'authorization_code' as const, key: `${tombstoned}-spent`, value: 'spent', ttlSeconds: 60 };

    await operator.configSet('maxmemory', '1');
    try {
      await expect(store.ephemeral.consume('login_transaction', plain)).rejects.toBeInstanceOf(StoreFullError);
      await expect(store.ephemeral.consume('authorization_code', tombstoned, leave)).rejects.toBeInstanceOf(StoreFullError);
      expect(await store.ephemeral.get('login_transaction', plain)).toEqual({ state: 'kept' });
      expect(await store.ephemeral.get('authorization_code', tombstoned)).toEqual({ userId: 'fitbit|X' });
      expect(await store.ephemeral.get('authorization_code', leave.key)).toBeUndefined();
    } finally {
      await operator.configSet('maxmemory', '0');
    }

    expect(await store.ephemeral.consume('login_transaction', plain)).toEqual({ state: 'kept' });
    expect(await store.ephemeral.consume('login_transaction', plain)).toBeUndefined();
    expect(await store.ephemeral.consume('authorization_code', tombstoned, leave)).toEqual({ userId: 'fitbit|X' });
    expect(await store.ephemeral.get('authorization_code', leave.key)).toBe('spent');
    expect(await store.ephemeral.consume('login_transaction', uniqueId('missing'))).toBeUndefined();
  });
});
