import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { useMeteredCluster } from './metered_cluster.js';

// A real fitgate with two workers (built code from dist/): each worker counts in its own registry,
// and the primary serves their sum with its own figures about them and about itself.

const ROUTE = { route: '/.well-known/openid-configuration', method: 'GET', status: '200' };

describe('metrics of a fitgate with two workers', () => {
  const metered = useMeteredCluster();

  it(
    'serves from the primary the sum of what every worker counted',
    async () => {
      const { cluster, scrape } = metered();
      const before = await scrape();
      const browser = cluster.browser();
      // New connections go to the workers in turn; go on until both have answered some.
      const answeredBy = new Map<string, number>();
      let sent = 0;
      while (sent < 40 && (answeredBy.size < 2 || sent < 6)) {
        const answer = await browser.get('/.well-known/openid-configuration');
        expect(answer.status).toBe(200);
        answeredBy.set(answer.worker, (answeredBy.get(answer.worker) ?? 0) + 1);
        sent += 1;
      }
      expect(answeredBy.size).toBe(2);
      const after = await scrape();
      expect(after.value('fitgate_http_requests_total', ROUTE) - before.value('fitgate_http_requests_total', ROUTE)).toBe(sent);
    },
    SERVER_TEST_TIMEOUT_MS,
  );

  it(
    'says how many workers it runs, expects and heard from, and how many it replaced',
    async () => {
      const scraped = await metered().scrape();
      expect(scraped.value('fitgate_workers', { state: 'serving' })).toBe(2);
      expect(scraped.value('fitgate_workers', { state: 'starting' })).toBe(0);
      expect(scraped.value('fitgate_workers_expected')).toBe(2);
      expect(scraped.value('fitgate_workers_reporting')).toBe(2);
      const restarts = scraped.series.filter((series) => series.name === 'fitgate_worker_restarts_total');
      expect(restarts.map((series) => [series.labels.reason, series.value])).toEqual([
        ['signal', 0],
        ['unresponsive', 0],
        ['store_unavailable', 0],
        ['crash', 0],
        ['clean_exit', 0],
      ]);
      // The lowest of the workers' answers: both reach the store.
      expect(scraped.series.filter((series) => series.name === 'fitgate_store_up').map((series) => series.value)).toEqual([1]);
    },
    SERVER_TEST_TIMEOUT_MS,
  );

  it(
    "has the primary's start time, the instance's, once, and the event loop's lag",
    async () => {
      const { scrape, spawnedAt } = metered();
      const scraped = await scrape();
      const starts = scraped.series.filter((series) => series.name === 'process_start_time_seconds');
      expect(starts).toHaveLength(1);
      expect(starts[0]!.value).toBeGreaterThanOrEqual(spawnedAt - 1);
      expect(starts[0]!.value).toBeLessThanOrEqual(Date.now() / 1000);
      expect(scraped.series.filter((series) => series.name === 'nodejs_eventloop_lag_p99_seconds')).toHaveLength(1);
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
