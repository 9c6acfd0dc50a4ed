import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { startCluster, workerPids } from './cluster_fixture.js';

/** 5 replacements a minute, and a few seconds of pauses between a worker's replacements in a row. */
const GIVE_UP_BOUND_MS = 60_000;

interface LogLine {
  level: number;
  msg: string;
  workerPid?: number;
  exitCode?: number;
  reason?: string;
}

function logLines(stdout: string): LogLine[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return []; // the line being written right now
      }
    });
}

/** A replacement may already be stopping with the primary that gave up. */
function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Workers that keep dying end the instance (src/cluster/restart_policy.ts) with exit code 1. Under a
 * supervisor stdout is a pipe of JSON lines, which a pipeline may filter to errors and worse: the
 * reason must be one of those, not plain text on stderr beside an info line that it stopped.
 */
describe('a primary whose workers keep dying', () => {
  it(
    'gives up with one fatal JSON line naming why, then says it stopped, and exits 1',
    async () => {
      // At info: each replacement's `a new worker is serving` line gives its pid.
      const cluster = await startCluster('sqlite', { LOG_LEVEL: 'info' });
      try {
        const { server } = cluster;
        const killed = new Set<number>();
        const replacements = () =>
          logLines(server.stdout()).flatMap((line) => (line.msg === 'a new worker is serving' && line.workerPid !== undefined ? [line.workerPid] : []));
        let pids = (await workerPids(cluster.browser(), 2)).map(Number);
        const deadline = Date.now() + GIVE_UP_BOUND_MS;
        while (server.child.exitCode === null && Date.now() < deadline) {
          for (const pid of pids.filter((each) => !killed.has(each))) {
            killed.add(pid);
            killIfRunning(pid);
          }
          await delay(100);
          pids = replacements();
        }
        expect(server.child.exitCode).toBe(1);
        // The exit can come before the last of stdout has been read.
        const stdout = server.child.stdout;
        if (stdout && !stdout.readableEnded) await once(stdout, 'end');

        const lines = logLines(server.stdout());
        const reason = expect.stringMatching(/^workers keep stopping \(the last one was killed by SIGKILL\); giving up$/);
        expect(lines.filter((line) => line.level >= 50 && line.msg.includes('giving up'))).toEqual([
          expect.objectContaining({ level: 60, reason, msg: expect.stringMatching(/^fitgate: workers keep stopping .*; giving up; stopping, then exiting with code 1$/) }),
        ]);
        expect(lines.at(-1)).toEqual(expect.objectContaining({ level: 30, exitCode: 1, msg: 'fitgate stopped' }));
        // stdout is all JSON, and nothing says it twice on stderr.
        expect(server.stderr()).not.toContain('giving up');
      } finally {
        await cluster.close();
      }
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
