import { describe, expect, it } from '@jest/globals';
import { freePort } from '../../support/free_port.js';
import { scrape } from '../metrics/scrape.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** The entry point hands its metrics to the store, so the store's caches are counted in a real server. */
describe('metrics of the running server', () => {
  const server = useServerOnTempData();

  it(
    'counts tenant cache lookups: the first request misses, the next ones hit',
    async () => {
      const [port, metricsPort] = [await freePort(), await freePort()];
      // PORT alone makes the default tenant localhost:PORT (FITGATE_PUBLIC_URL follows it).
      await server.start({ PORT: String(port), FITGATE_METRICS_PORT: String(metricsPort) }).port();
      const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      const before = await scrape(metricsUrl);
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`http://localhost:${port}/.well-known/openid-configuration`);
        expect(response.status).toBe(200);
      }
      const after = await scrape(metricsUrl);
      const lookups = (scraped: typeof after, result: string) =>
        scraped.value('fitgate_cache_lookups_total', { cache: 'tenants', result });
      expect(lookups(after, 'hit') - lookups(before, 'hit')).toBeGreaterThanOrEqual(2);
      expect(lookups(after, 'hit') + lookups(after, 'miss')).toBeGreaterThanOrEqual(3);
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
