import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import type { ClusterBrowser } from './cluster_client.js';
import { useCluster, workerPids } from './cluster_fixture.js';

const RECOVERY_BOUND_MS = 30_000;

/**
 * Workers answering on a few fresh connections, and what /health/ready says. A connection handed to
 * the worker just as it died is lost with it; that look simply sees nothing.
 */
async function look(browser: ClusterBrowser): Promise<{ pids: Set<string>; ready: { status: number; body: unknown } }> {
  const pids = new Set<string>();
  try {
    for (let i = 0; i < 4; i += 1) pids.add((await browser.get('/health/live')).worker);
    const ready = await browser.get('/health/ready');
    return { pids, ready: { status: ready.status, body: JSON.parse(ready.text) } };
  } catch {
    return { pids, ready: { status: 0, body: undefined } };
  }
}

describe('a worker that dies', () => {
  const cluster = useCluster('sqlite');

  it(
    'is replaced by a new one, and the instance is ready again with both workers',
    async () => {
      const browser = cluster().browser();
      const [killed, survivor] = await workerPids(browser, 2);
      process.kill(Number(killed), 'SIGKILL');

      const deadline = Date.now() + RECOVERY_BOUND_MS;
      let seen = await look(browser);
      while (Date.now() < deadline && !(seen.pids.size === 2 && !seen.pids.has(killed ?? '') && seen.ready.status === 200)) {
        await delay(100);
        seen = await look(browser);
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
