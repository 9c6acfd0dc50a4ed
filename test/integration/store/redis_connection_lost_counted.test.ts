import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { loadConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { openRedisStore } from '../../../src/store/redis/open_redis_store.js';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { deleteKeysWithPrefix, describeWithRedis, redisUrl, uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

/**
 * A Redis connection that drops and comes back within the readiness window leaves /health/ready
 * and fitgate_store_up at ok on every probe: only fitgate_store_connections_lost_total tells a
 * flapping Redis. It counts each loss once, never each reconnection attempt after it.
 */

const LOST = 'fitgate_store_connections_lost_total';

/** The counter as GET /metrics serves it. */
async function lostCount(metrics: PrometheusMetrics): Promise<number> {
  const line = (await metrics.registry.metrics()).split('\n').find((each) => each.startsWith(`${LOST} `));
  if (line === undefined) throw new Error(`${LOST} is not served`);
  return Number(line.slice(LOST.length + 1));
}

/** fitgate's store on `url`, counting into metrics of its own, logging into `log`. */
async function openCounted(url: string, prefix: string, log: ReturnType<typeof watchedLog>) {
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: url,
    FITGATE_REDIS_PREFIX: prefix,
    FITGATE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    FITGATE_SESSION_SECRETS: 'c'.repeat(32),
  });
  const metrics = createPrometheusMetrics();
  const store = await openRedisStore(config, config.redis!, createLogger({ level: 'info', destination: log.destination }), metrics);
  return { metrics, store };
}

/** A log destination that tells when a line comes: fitgate's own word that a loss is over. */
function watchedLog() {
  const waiting = new Set<{ text: string; resolve: () => void }>();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const wait of [...waiting]) {
        if (!chunk.toString('utf8').includes(wait.text)) continue;
        waiting.delete(wait);
        wait.resolve();
      }
      done();
    },
  });
  return {
    destination,
    /** Resolves at the next "Redis connection is back": the connection serves again, and fitgate knows it. */
    untilBack: () => new Promise<void>((resolve) => waiting.add({ text: '"msg":"Redis connection is back"', resolve })),
  };
}

describeWithRedis('a Redis connection killed from another connection', () => {
  const log = watchedLog();
  const prefix = uniquePrefix('connection-lost');
  let opened: Awaited<ReturnType<typeof openCounted>>;
  let admin: ReturnType<typeof createClient>;

  beforeAll(async () => {
    opened = await openCounted(redisUrl, prefix, log);
    admin = createClient({ url: redisUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await opened?.store.close();
    await admin?.close();
    await deleteKeysWithPrefix(prefix);
  });

  /** CLIENT KILL of fitgate's connection, as an operator or a proxy's idle timeout would; resolves once it is back. */
  async function killAndWaitBack(store: RedisStore): Promise<void> {
    const id = Number(await store.client.sendCommand(['CLIENT', 'ID']));
    const back = log.untilBack();
    expect(await admin.sendCommand(['CLIENT', 'KILL', 'ID', String(id)])).toBe(1);
    await back;
  }

  it('counts 0 before, and 1 after one drop and reconnection, whatever follows it', async () => {
    const { metrics, store } = opened;
    expect(await lostCount(metrics)).toBe(0);

    await killAndWaitBack(store);
    expect(await lostCount(metrics)).toBe(1);
    // Back and serving: commands that succeed, the settings read again, count nothing more.
    await store.ping();
    await store.tenants.get('default');
    expect(await lostCount(metrics)).toBe(1);

    await killAndWaitBack(store);
    expect(await lostCount(metrics)).toBe(2);
  });
});

describeWithRedisServer('a Redis that stays down through several reconnection attempts', () => {
  const log = watchedLog();
  let redis: OwnRedisServer;
  let opened: Awaited<ReturnType<typeof openCounted>>;

  beforeAll(async () => {
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    opened = await openCounted(redis.url, uniquePrefix('connection-lost-down'), log);
  }, 30_000);
  afterAll(async () => {
    await opened?.store.close();
    await redis?.cleanup();
  });

  it('counts the loss once, not once per failed attempt', async () => {
    const { metrics, store } = opened;
    expect(await lostCount(metrics)).toBe(0);

    await redis.kill();
    // Each failed attempt emits an error and then 'reconnecting' (events.once would reject on the
    // error): wait for three of them.
    for (let attempt = 0; attempt < 3; attempt += 1) await new Promise((resolve) => store.client.once('reconnecting', resolve));
    expect(await lostCount(metrics)).toBe(1);

    const back = log.untilBack();
    await redis.start();
    await back;
    expect(await lostCount(metrics)).toBe(1);
  }, 30_000);
});
