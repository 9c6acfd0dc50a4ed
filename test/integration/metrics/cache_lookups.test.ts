import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { connectRedis } from '../../../src/store/redis/connect_redis.js';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../../src/store/store.js';
import { deleteKeysWithPrefix, describeWithRedis, redisUrl, uniquePrefix } from '../../support/redis.js';
import { tenantRecord, uniqueId } from '../store/records.js';
import { parseExposition } from './scrape.js';

type Opener = (metrics: ReturnType<typeof createPrometheusMetrics>) => Promise<Store>;

function lookupsCounted(open: Opener): void {
  it('counts the first read of a tenant as a miss and the next ones as hits, per cache', async () => {
    const metrics = createPrometheusMetrics();
    const store = await open(metrics);
    try {
      const lookups = async (result: string): Promise<number> =>
        parseExposition(await metrics.registry.metrics())
          .filter((series) => series.name === 'fitgate_cache_lookups_total' && series.labels.cache === 'tenants' && series.labels.result === result)
          .reduce((sum, series) => sum + series.value, 0);
      const tenant = tenantRecord({ name: uniqueId('t') });
      await store.tenants.create(tenant);
      const [hitsBefore, missesBefore] = [await lookups('hit'), await lookups('miss')];
      await store.tenants.get(tenant.name);
      await store.tenants.get(tenant.name);
      await store.tenants.get(tenant.name);
      expect((await lookups('miss')) - missesBefore).toBe(1);
      expect((await lookups('hit')) - hitsBefore).toBe(2);
    } finally {
      await store.close();
    }
  });
}

describe('in-process cache lookups on /metrics [sqlite]', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-cache-metrics-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  lookupsCounted(async (metrics) => SqliteStore.open(dataDir, undefined, metrics));
});

describeWithRedis('in-process cache lookups on /metrics [redis]', () => {
  const prefix = uniquePrefix('cache_metrics');
  afterAll(async () => void (await deleteKeysWithPrefix(prefix)));
  lookupsCounted(async (metrics) => new RedisStore(await connectRedis({ url: redisUrl }), prefix, undefined, metrics));
});
