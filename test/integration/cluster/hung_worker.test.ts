import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { SILENCE_BOUND_MS } from '../../../src/cluster/hang_watch.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { isRunning, look, startCluster, workerPids } from './cluster_fixture.js';

/** The silence bound, a heartbeat interval and a late tick or two on two busy cores. */
const DETECTION_BOUND_MS = SILENCE_BOUND_MS + 10_000;
/** Then one worker start. */
const RECOVERY_BOUND_MS = 30_000;

interface LogLine {
  level: number;
  msg: string;
  pid?: number;
  workerId?: number;
  workerPid?: number;
  silentMs?: number;
  signal?: string;
}

/**
 * A worker that stops answering (stopped with SIGSTOP: it holds its connections and answers none,
 * like an event loop stuck in a loop) is found by the primary's heartbeats, logged once, killed and
 * replaced, and the instance is ready again with two workers, without anyone stepping in.
 */
describe('a worker that hangs', () => {
  it(
    'is killed within the silence bound and replaced, and the instance is ready again',
    async () => {
      const cluster = await startCluster('sqlite');
      let hung = 0;
      try {
        const browser = cluster.browser();
        const [stopped = '', survivor = ''] = await workerPids(browser, 2);
        hung = Number(stopped);
        process.kill(hung, 'SIGSTOP');

        const found = JSON.parse(await cluster.server.waitForLine(/has not answered/, DETECTION_BOUND_MS)) as LogLine;
        expect(found).toEqual(expect.objectContaining({ level: 50, workerPid: hung, workerId: expect.any(Number) }));
        expect(found.pid).not.toBe(hung);
        expect(found.silentMs).toBeGreaterThanOrEqual(SILENCE_BOUND_MS);
        expect(found.silentMs).toBeLessThan(DETECTION_BOUND_MS);

        const deadline = Date.now() + RECOVERY_BOUND_MS;
        let seen = await look(cluster);
        while (Date.now() < deadline && !(seen.pids.size === 2 && !seen.pids.has(stopped) && seen.ready.status === 200)) {
          await delay(100);
          seen = await look(cluster);
        }
        expect(isRunning(hung)).toBe(false);
        expect(seen.pids.has(stopped)).toBe(false);
        expect(seen.pids.has(survivor)).toBe(true);
        expect(seen.ready).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', workers: { expected: 2, ready: 2 } }) });

        const output = cluster.server.stdout().trimEnd().split('\n');
        const lines = output.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
        expect(lines.filter((line) => line.msg.includes('has not answered'))).toHaveLength(1);
        expect(lines).toContainEqual(
          expect.objectContaining({ level: 50, workerPid: hung, signal: 'SIGKILL', msg: 'worker was killed by SIGKILL after it stopped answering; starting a new one' }),
        );
        // Every line carries one pid, the process's that wrote it.
        for (const line of output) expect(line.match(/"pid":/g)?.length ?? 0).toBeLessThanOrEqual(1);
        expect(cluster.server.child.exitCode).toBeNull();
      } finally {
        if (hung && isRunning(hung)) process.kill(hung, 'SIGCONT');
        await cluster.close();
      }
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
