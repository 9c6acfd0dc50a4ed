import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import request from 'supertest';
import { uniquePrefix } from '../../support/redis.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from '../http/fitgate_on_redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { eventually } from './eventually.js';

/** pino's level number for warn. */
const WARN = 40;

/**
 * A Redis that comes back without fitgate's data (restarted without persistence) is logged once, at
 * warn, naming the marker that is missing, as soon as the connection is back: before, the log said
 * only "Redis connection is back", then every request's 404 at info. Asking readiness again, or a
 * request that finds no tenant (which checks the marker too), does not repeat it; a loss after the store was whole again is said again. Runs on a redis-server of
 * its own, without persistence, killed and restarted.
 */
describeWithRedisServer('the log when Redis loses fitgate\'s data', () => {
  let redis: OwnRedisServer;
  let fitgate: FitgateOnRedis;
  const prefix = uniquePrefix('data-lost-log');
  const lossLines = () =>
    fitgate.logLines.map((line) => JSON.parse(line) as { level: number; msg: string; missing?: string }).filter((line) => line.msg.startsWith("Redis lost fitgate's data"));

  beforeAll(async () => {
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    fitgate = await startFitgateOnRedis(redis.url, prefix);
  }, 60_000);

  afterAll(async () => {
    await fitgate?.store.close();
    await redis?.cleanup();
  });

  it('says once, at warn and without a readiness probe, that the store marker is missing', async () => {
    await redis.kill();
    await redis.start();
    const [line] = await eventually(async () => (lossLines().length > 0 ? lossLines() : undefined), 'the loss was logged', 10_000);
    expect(line).toMatchObject({ level: WARN, missing: `${prefix}meta:store` });

    expect(await fitgate.store.readiness?.()).toMatch(/^empty: /);
    expect((await request(fitgate.app).get('/.well-known/openid-configuration').set('Host', HOST)).status).toBe(503);
    expect(lossLines()).toHaveLength(1);

    // Set up anew (as a restart does), then emptied again: a new loss, said again.
    await fitgate.store.markInitialised?.();
    expect(await fitgate.store.readiness?.()).toBeUndefined();
    await flushAll(redis.url);
    expect(await fitgate.store.readiness?.()).toMatch(/^empty: /);
    expect(lossLines()).toHaveLength(2);
  }, 30_000);
});

/** FLUSHALL, on this test's own redis-server (never the shared one). */
async function flushAll(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    await client.flushAll();
  } finally {
    client.destroy();
  }
}
