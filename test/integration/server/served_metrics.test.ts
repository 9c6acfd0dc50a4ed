import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { scrape } from '../metrics/scrape.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

/** A port nothing listens on right now, for FITGATE_METRICS_PORT (which must be known in advance). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The entry point hands its metrics to the store, so the store's caches are counted in a real server. */
describe('metrics of the running server', () => {
  const dataDir = tempDataDir();
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'counts tenant cache lookups: the first request misses, the next ones hit',
    async () => {
      const [port, metricsPort] = [await freePort(), await freePort()];
      // PORT alone makes the default tenant localhost:PORT (FITGATE_PUBLIC_URL follows it).
      server = startServer({ FITGATE_DATA_DIR: dataDir, PORT: String(port), FITGATE_METRICS_PORT: String(metricsPort) });
      await server.port();
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
