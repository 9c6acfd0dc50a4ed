import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { tempDataDir, type RunningServer } from '../server/spawn_server.js';
import { holdWriteLock, type HeldLock } from '../store/lock_holder.js';
import type { ClusterBrowser } from './cluster_client.js';
import { look, startCluster, workerPids, type ClusterFixture } from './cluster_fixture.js';

/** The exit code of a worker that could not start because its store is unavailable (EX_TEMPFAIL). */
const STORE_UNAVAILABLE = 75;
/**
 * More failed starts in a row than the restart budget allows a crash loop (5 a minute): an instance
 * that counted them would have given up by the last one. With pauses of 0, 1, 2, 4 and 8 s between
 * them, plus a worker's start each, they take about 25 s.
 */
const ATTEMPTS_PAST_BUDGET = 5;
const ATTEMPTS_BOUND_MS = 90_000;
/** The pause after the fifth attempt is 16 s, which the store's return cuts short; then one worker start. */
const RECOVERY_BOUND_MS = 60_000;
/** The primary's line when a worker that waited for its store starts before its pause ends (info). */
const EARLY_START = 'the store answers again; starting the worker that waited for it now';
const TEST_TIMEOUT_MS = 240_000;

/** One of the primary's log lines for a worker that could not start because its store is unavailable. */
interface StoreAttempt {
  readonly time: number;
  readonly workerPid: number;
  readonly attempt: number;
  readonly retryInMs: number;
  readonly reason: string;
  readonly msg: string;
}

function storeAttempts(server: RunningServer): StoreAttempt[] {
  return logLines(server).filter((entry) => entry.exitCode === STORE_UNAVAILABLE) as unknown as StoreAttempt[];
}

function logLines(server: RunningServer): Array<Record<string, unknown>> {
  return server
    .stdout()
    .split('\n')
    .flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return []; // the line being written right now
      }
    });
}

/** Polls `check` until it returns a value, failing with `what` (and the server's output) past the bound. */
async function until<T>(server: RunningServer, what: string, boundMs: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (server.child.exitCode !== null) throw new Error(`fitgate exited (${server.child.exitCode}) before ${what}; stderr: ${server.stderr()}; stdout: ${server.stdout()}`);
    if (Date.now() > deadline) throw new Error(`not ${what} within ${boundMs} ms; stderr: ${server.stderr()}; stdout: ${server.stdout()}`);
    await delay(100);
  }
}

/** The surviving worker answers every new connection (the only one listening) and says it is alive. */
async function expectOnlySurvivorServes(browser: ClusterBrowser, survivor: string): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    const live = await browser.get('/health/live');
    expect({ status: live.status, worker: live.worker }).toEqual({ status: 200, worker: survivor });
  }
}

/** Both workers answer, neither is the killed one, and /health/ready counts both ready. */
async function untilWhole(cluster: ClusterFixture, killed: string, survivor: string): Promise<void> {
  const seen = await until(cluster.server, 'whole again', RECOVERY_BOUND_MS, async () => {
    const each = await look(cluster);
    return each.pids.size === 2 && each.pids.has(survivor) && !each.pids.has(killed) && each.ready.status === 200 ? each : undefined;
  });
  expect(seen.ready.body).toEqual(expect.objectContaining({ status: 'ok', store: 'ok', workers: { expected: 2, ready: 2 } }));
}

describeWithRedisServer('a worker killed while Redis is down', () => {
  let redis: OwnRedisServer | undefined;
  let cluster: ClusterFixture | undefined;
  afterEach(async () => {
    await cluster?.close();
    await redis?.cleanup();
  }, TEST_TIMEOUT_MS);

  it(
    'is retried with growing pauses while the other worker serves, past any crash budget, and the instance is whole once Redis is back',
    async () => {
      redis = await startOwnRedisServer();
      // At info: the early start is an info line.
      cluster = await startCluster('redis', { REDIS_URL: redis.url, LOG_LEVEL: 'info' });
      const { server } = cluster;
      const browser = cluster.browser();
      const [killed = '', survivor = ''] = await workerPids(browser, 2);

      await redis.shutdown();
      process.kill(Number(killed), 'SIGKILL');

      const attempts = await until(server, `${ATTEMPTS_PAST_BUDGET} failed starts`, ATTEMPTS_BOUND_MS, () => {
        const seen = storeAttempts(server);
        return seen.length >= ATTEMPTS_PAST_BUDGET ? seen : undefined;
      });
      // Still running, and the surviving worker still answers, after more failed starts than a crash loop may have.
      expect(server.child.exitCode).toBeNull();
      await expectOnlySurvivorServes(browser, survivor);
      const ready = await cluster.readinessDetails();
      expect({ status: ready.status, workers: (ready.body as { workers: unknown }).workers }).toEqual({ status: 503, workers: { expected: 2, ready: 0 } });

      // One warning per attempt, each with the reason and a pause that doubles; each next attempt waited for it.
      const first = attempts.slice(0, ATTEMPTS_PAST_BUDGET);
      expect(first.map((each) => each.retryInMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
      for (const each of first) expect(each.reason).toMatch(/^cannot connect to Redis at REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\/?\): /);
      for (const each of first) expect(each.msg).toContain('its store is unavailable');
      expect(new Set(first.map((each) => each.workerPid)).size).toBe(ATTEMPTS_PAST_BUDGET);
      for (let i = 1; i < first.length; i += 1) {
        expect((first[i]?.time ?? 0) - (first[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(first[i - 1]?.retryInMs ?? Infinity);
      }
      // The workers said nothing themselves: the primary's one line per attempt is all.
      expect(server.stderr()).not.toContain('could not start');
      expect(logLines(server).filter((entry) => String(entry.msg).includes('giving up'))).toEqual([]);

      await redis.start();
      await untilWhole(cluster, killed, survivor);
      expect(server.child.exitCode).toBeNull();
      // The attempt after Redis came back did not wait out the 16 s pause the fifth one was given.
      const fifth = first[ATTEMPTS_PAST_BUDGET - 1];
      const early = logLines(server).find((entry) => entry.msg === EARLY_START);
      expect(early).toBeDefined();
      expect(Number(early?.time)).toBeLessThan((fifth?.time ?? 0) + (fifth?.retryInMs ?? 0));
    },
    TEST_TIMEOUT_MS,
  );
});

describe('a worker killed while another process holds the embedded database', () => {
  const dataDir = tempDataDir();
  let cluster: ClusterFixture | undefined;
  let holder: HeldLock | undefined;
  afterEach(async () => {
    await holder?.release();
    await cluster?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  it(
    'is retried while the other worker serves, and the instance is whole once the lock is let go',
    async () => {
      cluster = await startCluster('sqlite', { FITGATE_DATA_DIR: dataDir });
      const { server } = cluster;
      const browser = cluster.browser();
      const [killed = '', survivor = ''] = await workerPids(browser, 2);

      holder = holdWriteLock(join(dataDir, DATABASE_FILE));
      process.kill(Number(killed), 'SIGKILL');

      // Opening waits 5 s for the lock, then the worker gives up on this attempt.
      const [attempt] = await until(server, 'a failed start', ATTEMPTS_BOUND_MS, () => {
        const seen = storeAttempts(server);
        return seen.length > 0 ? seen : undefined;
      });
      expect(attempt?.reason).toContain('fitgate.db is locked by another process (waited 5 s)');
      expect(server.child.exitCode).toBeNull();
      await expectOnlySurvivorServes(browser, survivor);

      await holder.release();
      holder = undefined;
      await untilWhole(cluster, killed, survivor);
      expect(server.stderr()).not.toContain('could not start');
    },
    TEST_TIMEOUT_MS,
  );
});
