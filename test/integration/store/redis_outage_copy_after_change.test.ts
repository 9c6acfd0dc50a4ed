import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Client } from '../../../src/domain/types.js';
import { RecordCache } from '../../../src/store/cache/record_cache.js';
import { RedisClientRepository } from '../../../src/store/redis/client_repository.js';
import { connectRedis } from '../../../src/store/redis/connect_redis.js';
import { guardRedisClient } from '../../../src/store/redis/guarded_client.js';
import { RedisKeys } from '../../../src/store/redis/keys.js';
import type { RedisClient } from '../../../src/store/redis/redis_client.js';
import { RedisConfigVersion } from '../../../src/store/redis/redis_config_version.js';
import { uniquePrefix } from '../../support/redis.js';
import { beginRedisOutage } from '../../support/redis_outage.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { clientRecord, uniqueId } from './records.js';

const ALLOWED = { stale: 'allowed' } as const;

/**
 * An admin changes an application's callbacks, and Redis dies soon after: the copy this process
 * serves through the outage (/authorize's redirect of the outage to the application) is the
 * application as changed, read again from Redis in the background right after the write, not the
 * one before it, and not none. The cache is wired as cached_repositories.ts wires it, on a
 * redis-server of the test's own, killed mid-run.
 */
describeWithRedisServer('the outage copy of an application changed just before Redis died', () => {
  let redis: OwnRedisServer;
  let client: RedisClient;

  beforeAll(async () => {
    redis = await startOwnRedisServer();
    client = await connectRedis({ url: redis.url });
  }, 30_000);

  afterAll(async () => {
    // Closed once connected again: a client destroyed while it waits to reconnect keeps Jest's worker alive.
    if (client && !client.isReady) {
      const back = new Promise((resolve) => client.once('ready', resolve));
      await redis.start();
      await back;
    }
    await client?.close();
    await redis?.cleanup();
  }, 30_000);

  it('is the application as changed', async () => {
    const guarded = guardRedisClient(client);
    const keys = new RedisKeys(uniquePrefix('outage-copy-after-change'));
    const clients = new RedisClientRepository(guarded, keys);
    const cache = new RecordCache<Client>(new RedisConfigVersion(guarded, keys.configVersion()));
    const tenant = uniqueId('t').toLowerCase();
    const created = clientRecord(tenant, { callbacks: ['https://app.example/old-callback'] });
    await clients.create(created);
    const read = () => clients.get(tenant, created.clientId);
    const key = `${tenant}\u0000${created.clientId}`;
    expect((await cache.get(key, read, ALLOWED))?.callbacks).toEqual(['https://app.example/old-callback']);

    // A Management API PATCH: the write, then the announcement (cached_repositories.ts's written()).
    const stored = await clients.getStored(tenant, created.clientId);
    await clients.update({ ...stored!, callbacks: ['https://app.example/new-callback'] });
    await cache.changed();
    await cache.whenReread();

    await beginRedisOutage(redis);
    expect((await cache.get(key, read, ALLOWED))?.callbacks).toEqual(['https://app.example/new-callback']);
  }, 30_000);
});
