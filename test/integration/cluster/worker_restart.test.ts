import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { look, useCluster, workerPids } from './cluster_fixture.js';

const RECOVERY_BOUND_MS = 30_000;

describe('a worker that dies', () => {
  const cluster = useCluster('sqlite');

  it(
    'is replaced by a new one, and the instance is ready again with both workers',
    async () => {
      const browser = cluster().browser();
      const [killed, survivor] = await workerPids(browser, 2);
      process.kill(Number(killed), 'SIGKILL');

      const deadline = Date.now() + RECOVERY_BOUND_MS;
      let seen = await look(cluster());
      while (Date.now() < deadline && !(seen.pids.size === 2 && !seen.pids.has(killed ?? '') && seen.ready.status === 200)) {
        await delay(100);
        seen = await look(cluster());
      }
      expect(seen.pids.has(killed ?? '')).toBe(false);
      expect(seen.pids.has(survivor ?? '')).toBe(true);
      expect(seen.pids.size).toBe(2);
      expect(seen.ready).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', workers: { expected: 2, ready: 2 } }) });
      expect(cluster().server.child.exitCode).toBeNull();
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
