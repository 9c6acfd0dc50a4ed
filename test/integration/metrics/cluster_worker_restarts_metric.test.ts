import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { workerPids } from '../cluster/cluster_fixture.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import type { Scrape } from './scrape.js';
import { useMeteredCluster } from './metered_cluster.js';

// A worker killed and replaced is counted by the primary, and what it had counted stays in the
// instance's counters: a replacement starting from zero must not read as a reset of them all.

const RECOVERY_BOUND_MS = 30_000;

describe('a worker killed while the instance is scraped', () => {
  const metered = useMeteredCluster();

  it(
    'is counted as a restart killed by a signal, and its counts stay in the sum',
    async () => {
      const { cluster, scrape } = metered();
      const [killed] = await workerPids(cluster.browser(), 2);
      const before = await scrape();
      process.kill(Number(killed), 'SIGKILL');

      const deadline = Date.now() + RECOVERY_BOUND_MS;
      let after: Scrape = await scrape();
      while (Date.now() < deadline && !(after.value('fitgate_worker_restarts_total', { reason: 'signal' }) === 1 && after.value('fitgate_workers_reporting') === 2)) {
        await delay(200);
        after = await scrape();
      }
      expect(after.value('fitgate_worker_restarts_total', { reason: 'signal' })).toBe(1);
      expect(after.value('fitgate_worker_restarts_total')).toBe(1);
      expect(after.value('fitgate_workers', { state: 'serving' })).toBe(2);
      expect(after.value('fitgate_workers_reporting')).toBe(2);
      expect(after.value('fitgate_http_requests_total')).toBeGreaterThanOrEqual(before.value('fitgate_http_requests_total'));
      expect(after.value('process_cpu_seconds_total')).toBeGreaterThanOrEqual(before.value('process_cpu_seconds_total'));
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
