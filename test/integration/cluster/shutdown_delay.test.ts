import { afterAll, describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { isRunning, startCluster, workerPids, type ClusterFixture } from './cluster_fixture.js';

/** Longer than the test may take: it ends the delay with a second SIGTERM. */
const LONG_DELAY_MS = 60_000;

describe('FITGATE_SHUTDOWN_DELAY_MS with two workers', () => {
  let cluster: ClusterFixture | undefined;
  afterAll(() => cluster?.close(), SERVER_TEST_TIMEOUT_MS);

  it(
    'keeps every worker serving after SIGTERM while each answers /health/ready 503 "stopping", and stops on a second SIGTERM',
    async () => {
      cluster = await startCluster('sqlite', { FITGATE_SHUTDOWN_DELAY_MS: String(LONG_DELAY_MS), LOG_LEVEL: 'info' });
      const browser = cluster.browser();
      const pids = (await workerPids(browser, 2)).map(Number);

      cluster.server.child.kill('SIGTERM');
      await cluster.server.waitForLine(/serving for 60000 ms more while \/health\/ready answers 503/);
      // The primary tells each worker over IPC: bounded polling until both have answered "stopping".
      const stoppingWorkers = new Set<string>();
      for (let attempt = 0; attempt < 40 && stoppingWorkers.size < 2; attempt += 1) {
        const ready = await browser.get('/health/ready');
        if (ready.status === 503 && JSON.parse(ready.text).status === 'stopping') {
          expect(ready.headers['retry-after']).toBe('5');
          stoppingWorkers.add(ready.worker);
        }
      }
      expect([...stoppingWorkers].map(Number).sort()).toEqual([...pids].sort());
      expect((await browser.get('/.well-known/openid-configuration')).status).toBe(200);
      expect(pids.every(isRunning)).toBe(true);

      const secondAt = Date.now();
      cluster.server.child.kill('SIGTERM');
      expect(await cluster.server.exited()).toBe(0);
      expect(Date.now() - secondAt).toBeLessThan(LONG_DELAY_MS / 2);
      expect(pids.filter(isRunning)).toEqual([]);
      expect(cluster.server.stderr()).toBe('');
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
