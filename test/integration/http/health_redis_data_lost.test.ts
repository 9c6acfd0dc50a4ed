import { afterAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectRedis } from '../../../src/store/redis/connect_redis.js';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import type { Store } from '../../../src/store/store.js';
import { tenantRecord } from '../store/records.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from './fitgate_on_redis.js';
import { deleteKeysWithPrefix, describeWithRedis, keysWithPrefix, redisUrl, uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { readinessOnceChanged } from '../../support/readiness.js';

/**
 * A Redis that comes back empty (restarted without persistence, or flushed) still answers PING,
 * while every tenant is gone. /health/ready must say so, from the `meta:store` marker that every
 * start writes, and must not say so on a fresh start or on data an older fitgate wrote without a
 * marker. Each case runs under a key prefix of its own.
 */

const EMPTY =
  "empty: Redis lost fitgate's data (restarted without persistence or flushed?); restore it or restart fitgate to set it up anew";
const RECOVERY_BOUND_MS = 5000;

/** Every fitgate started here and every prefix written on the shared server, for cleanup(). */
function startedFitgates() {
  const stores: Store[] = [];
  const prefixes: string[] = [];
  return {
    async cleanup(): Promise<void> {
      for (const store of stores) await store.close();
      for (const prefix of prefixes) await deleteKeysWithPrefix(prefix);
    },
    prefix(label: string): string {
      const prefix = uniquePrefix(label);
      prefixes.push(prefix);
      return prefix;
    },
    async start(url: string, prefix: string): Promise<FitgateOnRedis> {
      const fitgate = await startFitgateOnRedis(url, prefix);
      stores.push(fitgate.store);
      return fitgate;
    },
    track(store: Store): void {
      stores.push(store);
    },
  };
}

describeWithRedis('/health/ready when Redis loses fitgate\'s data', () => {
  const fitgates = startedFitgates();
  afterAll(() => fitgates.cleanup());

  it('is ready on a fresh start: the marker is written before the server would report ready', async () => {
    const prefix = fitgates.prefix('health-fresh');
    expect(await keysWithPrefix(prefix)).toEqual([]);
    const { readinessDetails } = await fitgates.start(redisUrl, prefix);
    const ready = await request(readinessDetails).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.store).toBe('ok');
    expect(await keysWithPrefix(prefix)).toContain(`${prefix}meta:store`);
  });

  it('is ready after an upgrade: data an older fitgate wrote, without a marker, is not called empty', async () => {
    const prefix = fitgates.prefix('health-upgrade');
    // What a fitgate from before the marker leaves behind: records, and no meta:store.
    const older = new RedisStore(await connectRedis({ url: redisUrl }), prefix);
    fitgates.track(older);
    const tenant = tenantRecord();
    await older.tenants.create(tenant);
    expect(await keysWithPrefix(prefix)).not.toContain(`${prefix}meta:store`);

    const { readinessDetails, store } = await fitgates.start(redisUrl, prefix);
    const ready = await request(readinessDetails).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.store).toBe('ok');
    expect(await store.tenants.get(tenant.name)).toMatchObject({ name: tenant.name });
  });

  it('answers 503 "empty" with Retry-After when the data vanishes while fitgate runs, and is ready once a restart sets it up anew', async () => {
    const prefix = fitgates.prefix('health-flushed');
    const running = await fitgates.start(redisUrl, prefix);
    expect((await request(running.app).get('/health/ready')).status).toBe(200);

    // FLUSHALL, as far as this prefix goes (the shared server holds other runs' keys).
    await deleteKeysWithPrefix(prefix);
    const lost = await readinessOnceChanged(() => request(running.readinessDetails).get('/health/ready'), (answer) => answer.status !== 200);
    expect(lost.status).toBe(503);
    expect(lost.headers['retry-after']).toBe('5');
    expect(lost.body).toMatchObject({ status: 'unavailable', store: EMPTY });
    // What users meanwhile see: the default tenant is gone, and the answer says why (redis_data_lost_answers.test.ts).
    expect((await request(running.app).get('/.well-known/openid-configuration').set('Host', HOST)).status).toBe(503);

    // "restart fitgate to set it up anew": both the new process and the old one see the new marker.
    const restarted = await fitgates.start(redisUrl, prefix);
    expect((await request(restarted.app).get('/health/ready')).status).toBe(200);
    expect((await readinessOnceChanged(() => request(running.app).get('/health/ready'), (answer) => answer.status !== 503)).status).toBe(200);
  });
});

describeWithRedisServer('/health/ready when Redis restarts without persistence', () => {
  const fitgates = startedFitgates();
  let redis: OwnRedisServer | undefined;
  afterAll(async () => {
    await fitgates.cleanup();
    await redis?.cleanup();
  });

  it('answers 503 "empty" once Redis is back without fitgate\'s data', async () => {
    // The test server's defaults: no AOF, no RDB, so a restart forgets everything.
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    const { readinessDetails } = await fitgates.start(redis.url, uniquePrefix('health-restarted'));
    expect((await request(readinessDetails).get('/health/ready')).status).toBe(200);

    await redis.kill();
    await redis.start();
    // Bounded: fitgate reconnects by itself within about a second; until then Redis is "not answering"
    // (or, for READY_REUSE_MS, the check from before the restart answers: "ok").
    const deadline = Date.now() + RECOVERY_BOUND_MS;
    let ready = await request(readinessDetails).get('/health/ready');
    while ((ready.body.store === 'not answering' || ready.body.store === 'ok') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ready = await request(readinessDetails).get('/health/ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.body).toMatchObject({ status: 'unavailable', store: EMPTY });
  }, 30_000);
});
