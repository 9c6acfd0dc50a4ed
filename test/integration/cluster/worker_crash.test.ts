import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { CRASH_ON_SIGUSR2 } from '../server/crash_on_signal.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { look, startCluster, workerPids } from './cluster_fixture.js';

const RECOVERY_BOUND_MS = 30_000;

interface LogLine {
  level: number;
  msg: string;
  pid?: number;
  err?: { message: string };
}

/**
 * A worker's uncaught exception ends that worker as one fatal JSON line with the error and exit code
 * 1 (src/process_stop.ts); the primary, which outlives it, replaces it as any worker that died.
 */
describe('a worker that crashes', () => {
  it(
    'logs one fatal line with its error, exits 1, and is replaced while the primary serves on',
    async () => {
      const cluster = await startCluster('sqlite', { NODE_OPTIONS: CRASH_ON_SIGUSR2 });
      try {
        const browser = cluster.browser();
        const [crashed] = await workerPids(browser, 2);
        process.kill(Number(crashed), 'SIGUSR2');

        const deadline = Date.now() + RECOVERY_BOUND_MS;
        let seen = await look(cluster);
        while (Date.now() < deadline && !(seen.pids.size === 2 && !seen.pids.has(crashed ?? '') && seen.ready.status === 200)) {
          await delay(100);
          seen = await look(cluster);
        }
        expect(seen.pids.has(crashed ?? '')).toBe(false);
        expect(seen.ready.status).toBe(200);

        const lines = cluster.server.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as LogLine);
        expect(lines.filter((line) => line.level === 60)).toEqual([
          expect.objectContaining({ pid: Number(crashed), err: expect.objectContaining({ message: 'test crash: an uncaught exception' }) }),
        ]);
        expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'worker exited with code 1; starting a new one' }));
        expect(cluster.server.child.exitCode).toBeNull();
      } finally {
        await cluster.close();
      }
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
