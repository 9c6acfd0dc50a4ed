import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { SILENCE_BOUND_MS } from '../../../src/cluster/hang_watch.js';
import { useMeteredCluster } from '../metrics/metered_cluster.js';
import type { Scrape } from '../metrics/scrape.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { isRunning, workerPids } from './cluster_fixture.js';

/** The silence bound, a heartbeat interval and a late tick or two, then one worker start. */
const REPLACED_BOUND_MS = SILENCE_BOUND_MS + 40_000;

/**
 * A worker the primary kills because it stopped answering (here stopped with SIGSTOP) is counted
 * apart from one killed from outside (the OOM killer, a `kill -9`): `reason="unresponsive"` in
 * fitgate_worker_restarts_total, not `signal`, so an alert on the counter tells a blocked event
 * loop from a memory limit.
 */
describe('a hung worker the primary killed', () => {
  const metered = useMeteredCluster();

  it(
    'counts as an unresponsive restart, not a signal',
    async () => {
      const { cluster, scrape } = metered();
      const [stopped] = await workerPids(cluster.browser(), 2);
      const hung = Number(stopped);
      process.kill(hung, 'SIGSTOP');
      try {
        const deadline = Date.now() + REPLACED_BOUND_MS;
        let after: Scrape = await scrape();
        while (Date.now() < deadline && !(after.value('fitgate_worker_restarts_total') >= 1 && after.value('fitgate_workers_reporting') === 2)) {
          await delay(200);
          after = await scrape();
        }
        expect(isRunning(hung)).toBe(false);
        expect(after.value('fitgate_worker_restarts_total', { reason: 'unresponsive' })).toBe(1);
        expect(after.value('fitgate_worker_restarts_total', { reason: 'signal' })).toBe(0);
        expect(after.value('fitgate_worker_restarts_total')).toBe(1);
        expect(after.value('fitgate_workers_reporting')).toBe(2);
      } finally {
        if (isRunning(hung)) process.kill(hung, 'SIGCONT');
      }
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
