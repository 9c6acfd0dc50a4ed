import { afterAll, describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { isRunning, startCluster, workerPids, type ClusterFixture } from './cluster_fixture.js';

describe('graceful shutdown with two workers', () => {
  let cluster: ClusterFixture | undefined;
  afterAll(() => cluster?.close(), SERVER_TEST_TIMEOUT_MS);

  it(
    'passes SIGTERM to every worker, announces it once, and exits 0 once all have stopped cleanly',
    async () => {
      cluster = await startCluster('sqlite');
      const pids = (await workerPids(cluster.browser(), 2)).map(Number);
      expect(pids.every(isRunning)).toBe(true);

      cluster.server.child.kill('SIGTERM');
      expect(await cluster.server.exited()).toBe(0);
      expect(pids.filter(isRunning)).toEqual([]);
      expect(cluster.server.stdout().match(/received SIGTERM/g)).toHaveLength(1);
      expect(cluster.server.stderr()).toBe('');
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
