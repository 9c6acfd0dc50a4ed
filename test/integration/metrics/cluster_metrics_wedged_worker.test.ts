import { describe, expect, it } from '@jest/globals';
import { workerPids } from '../cluster/cluster_fixture.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { useMeteredCluster } from './metered_cluster.js';

// A worker that does not answer the primary (here stopped with SIGSTOP: alive, listening, and as
// wedged as a process gets) must not take the whole scrape down with it: the primary answers in
// time with the other worker's figures, says one of two reported, and counts the silent worker's
// counters as it last reported them, so none goes down.

/** Well inside Prometheus's default scrape timeout (10 s): the primary waits 2.5 s for a worker. */
const SCRAPE_BOUND_MS = 5_000;

describe('a scrape while one of two workers does not answer', () => {
  const metered = useMeteredCluster();

  it(
    "answers in time with the other worker's figures and says how many reported",
    async () => {
      const { cluster, scrape } = metered();
      const [wedged] = await workerPids(cluster.browser(), 2);
      const before = await scrape();
      expect(before.value('fitgate_workers_reporting')).toBe(2);

      process.kill(Number(wedged), 'SIGSTOP');
      try {
        const began = Date.now();
        const during = await scrape();
        expect(Date.now() - began).toBeLessThan(SCRAPE_BOUND_MS);
        expect(during.value('fitgate_workers_reporting')).toBe(1);
        expect(during.value('fitgate_workers_expected')).toBe(2);
        expect(during.value('fitgate_workers', { state: 'serving' })).toBe(2);
        // The store alert still has its series, from the worker that answered.
        expect(during.series.filter((series) => series.name === 'fitgate_store_up').map((series) => series.value)).toEqual([1]);
        // No counter goes down: Prometheus would read a drop as a reset and count a burst.
        expect(during.value('fitgate_http_requests_total')).toBeGreaterThanOrEqual(before.value('fitgate_http_requests_total'));
        expect(during.value('process_cpu_seconds_total')).toBeGreaterThanOrEqual(before.value('process_cpu_seconds_total'));
      } finally {
        process.kill(Number(wedged), 'SIGCONT');
      }
      expect((await scrape()).value('fitgate_workers_reporting')).toBe(2);
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
