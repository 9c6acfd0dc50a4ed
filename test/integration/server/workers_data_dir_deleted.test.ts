import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { readinessOnceChanged } from '../../support/readiness.js';
import { startCluster, workerPids, type ClusterFixture } from '../cluster/cluster_fixture.js';
import { SERVER_TEST_TIMEOUT_MS, tempDataDir } from './spawn_server.js';

/** How long the primary may take to fork a replacement and hear why it would not serve. */
const REFUSAL_BOUND_MS = 30_000;

/**
 * FITGATE_WORKERS=2 on the embedded store, and the data directory deleted while it runs: the workers
 * keep the deleted files open and serve them, and a worker replaced now used to open a new, empty
 * database (only the primary sets the store up), so discovery answered 200 and 404 in turn while
 * /health/ready said ok. Readiness now says the file was deleted, and a new worker refuses to serve a
 * database no start set up, saying why, and creates nothing, while the surviving worker keeps serving.
 */
describe('workers on a data directory deleted while they run', () => {
  const dataDir = tempDataDir();
  let cluster: ClusterFixture | undefined;
  afterAll(async () => {
    await cluster?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, SERVER_TEST_TIMEOUT_MS);

  it('are not ready, and a replaced worker refuses the empty directory instead of answering 404', async () => {
    cluster = await startCluster('sqlite', { FITGATE_DATA_DIR: dataDir });
    const browser = cluster.browser();
    const [killed] = await workerPids(browser, 2);
    expect((await browser.get('/health/ready')).status).toBe(200);

    rmSync(dataDir, { recursive: true, force: true });
    expect((await browser.get('/health/ready')).status).toBe(503);
    // In words on the operator's /health/ready (the primary's metrics listener), from a worker's
    // check: the first worker to answer may give the check it ran within the last READY_REUSE_MS.
    const ready = await readinessOnceChanged(() => cluster!.readinessDetails(), (answer) => answer.status !== 200);
    expect(ready.status).toBe(503);
    expect((ready.body as { store: string }).store).toBe(
      `deleted: fitgate.db was deleted from FITGATE_DATA_DIR (${dataDir}) while fitgate runs; this process still uses the deleted file, ` +
        'which is gone once it stops: restore it from a backup (docs/operations.md#backup-and-restore)',
    );

    process.kill(Number(killed), 'SIGKILL');
    const refusal =
      `${join(dataDir, DATABASE_FILE)} does not exist: a worker serves only the database its primary set up, so the data directory was ` +
      'deleted, emptied or replaced while fitgate runs; restore it from a backup (docs/operations.md#backup-and-restore) and restart fitgate';
    const output = () => cluster!.server.stdout() + cluster!.server.stderr();
    const statuses = new Set<number>();
    const deadline = Date.now() + REFUSAL_BOUND_MS;
    while (!output().includes(refusal) && Date.now() < deadline) {
      // Whoever answers discovery meanwhile serves the tenant: never a 404 from an empty database.
      const answer = await browser.get('/.well-known/openid-configuration').catch(() => undefined);
      if (answer) statuses.add(answer.status);
      await delay(100);
    }
    expect(output()).toContain(refusal);
    expect([...statuses].filter((status) => status !== 200)).toEqual([]);
    // Nothing of a new install is made where the old one was: no database, no directory, no key a
    // later start would take for a first start's.
    expect(existsSync(dataDir)).toBe(false);
    // The primary keeps the surviving worker, which holds the deleted database's only copy, serving
    // (the refusal is retried like a store outage: test/unit/cluster/worker_start_failure.test.ts).
    expect(cluster.server.child.exitCode).toBeNull();
    expect((await browser.get('/.well-known/openid-configuration')).status).toBe(200);
  }, SERVER_TEST_TIMEOUT_MS);
});
