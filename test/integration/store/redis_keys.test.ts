import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { describeWithRedis, keysWithPrefix } from '../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../support/stores.js';
import { adminRecord, clientRecord, connectionRecord, logRecord, tenantRecord, userRecord } from './records.js';

describeWithRedis('Redis key layout', () => {
  let testStore: TestStore<RedisStore>;
  /** Key (without the global prefix) → its TTL in ms (-1: none). */
  const ttls = new Map<string, number>();

  beforeAll(async () => {
    testStore = await openRedisTestStore('redis_keys');
    const { store } = testStore;
    const tenant = tenantRecord({ domains: ['id.acme.test'] });
    await store.tenants.create(tenant);
    await store.clients.create(clientRecord(tenant.name));
    await store.connections.create(connectionRecord(tenant.name));
    await store.users.create(userRecord(tenant.name, { email: 'ada@example.com' }));
    await store.admins.create(adminRecord({ tenants: [tenant.name] }));
    await store.logs.append(logRecord(tenant.name, { userId: 'fitbit|X' }));
    // Log events are written in batches (log_append_batch.ts); the layout is of what is written.
    await store.logs.flush();
    await store.ephemeral.put('authorization_code', 'code1', {}, 60);
    await store.locks.tryAcquire('refresh', 60_000);
    await store.counters.hit('ip', 60);
    await store.rateLimiter({ keyPrefix: 'admin_login', points: 5, durationSeconds: 60 }).consume('ip');
    const sessions = store.sessionStore();
    await promisify(sessions.set.bind(sessions))('sid1', { cookie: { expires: new Date(Date.now() + 60_000) } } as unknown as SessionData);
    for (const key of await keysWithPrefix(testStore.location)) {
      ttls.set(key.slice(testStore.location.length), await store.client.pTTL(key));
    }
  });

  afterAll(async () => {
    await testStore.cleanup();
  });

  it('writes every key under the global prefix, one kind per key prefix', () => {
    const kinds = new Set([...ttls.keys()].map((key) => key.split(':')[0]));
    expect([...kinds].sort()).toEqual(
      [
        'admin', 'admin_list', 'admin_tenant', 'authorization_code', 'client', 'client_list', 'config_version', 'connection',
        'connection_list', 'connection_name', 'counter', 'lock', 'log', 'log_list', 'log_type', 'log_user',
        'log_user_type', 'meta', 'ratelimit', 'sess', 'tenant', 'tenant_domain', 'tenant_list', 'user', 'user_field', 'user_identity',
        'user_list', 'user_search',
      ].sort(),
    );
  });

  it('gives short-lived records a Redis TTL and durable records none', () => {
    for (const [key, ttl] of ttls) {
      const shortLived = /^(authorization_code|lock|counter|ratelimit|sess):/.test(key);
      expect([key, shortLived ? ttl > 0 : ttl === -1]).toEqual([key, true]);
    }
  });
});
