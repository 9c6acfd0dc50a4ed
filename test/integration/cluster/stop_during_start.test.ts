import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from '../server/spawn_server.js';
import { isRunning } from './cluster_fixture.js';

// A SIGTERM while the workers are still starting (no signal handler yet: a worker installs its own
// once it listens): they die of the signal the primary passes on, which is the stop that was asked
// for, so the instance exits 0 (systemd marks a deliberate stop that exits 1 as failed).

const START_BOUND_MS = 30_000;

/** The pids of a process's children (Linux). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether `pid` has the file open (Linux). */
function holdsOpen(pid: number, file: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

describe('a SIGTERM while the workers are starting', () => {
  let server: RunningServer | undefined;
  afterAll(() => server?.stop(), SERVER_TEST_TIMEOUT_MS);

  it(
    'stops the instance with exit code 0',
    async () => {
      const dataDir = tempDataDir();
      server = startServer({ FITGATE_WORKERS: '2', FITGATE_DATA_DIR: dataDir });
      const primary = server.child.pid!;
      // A worker opens its store once the primary answered its set-up question: the primary is past
      // forking and has its signal handlers, and the worker has none yet.
      const database = join(dataDir, DATABASE_FILE);
      const deadline = Date.now() + START_BOUND_MS;
      while (!childrenOf(primary).some((worker) => holdsOpen(worker, database)) && Date.now() < deadline && server.child.exitCode === null) await delay(5);
      const workers = childrenOf(primary);
      expect(workers.some((worker) => holdsOpen(worker, database))).toBe(true);

      server.child.kill('SIGTERM');
      expect(await server.exited()).toBe(0);
      // A stop during the start: not every worker had listened (and so installed its handler).
      expect(server.stdout()).not.toMatch(/listening on port/);
      expect(workers.filter(isRunning)).toEqual([]);
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
