import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { adminEnvironment, runAdmin } from './run_admin.js';
import { signedInAgent, startDashboardHarness, type DashboardHarness } from '../dashboard/dashboard_harness.js';

/**
 * `npm run admin -- reset-password` signs the admin out of every open dashboard session (the new
 * password moves the account's credential version on), and says so: an admin who still had the
 * dashboard open in a browser is not surprised by the sign-in page there.
 */
describeEachStore('npm run admin -- reset-password and open dashboard sessions', (stores) => {
  let dataDir: string;
  let harness: DashboardHarness;

  beforeAll(async () => {
    dataDir = stores.kind === 'sqlite' ? stores.testStore().location : mkdtempSync(join(tmpdir(), 'fitgate-admin-script-'));
    harness = await startDashboardHarness({ shared: { store: stores.store(), dataDir } });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    if (stores.kind === 'redis' && dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs the open session out and says that it does', async () => {
    const admin = await harness.seedAdmin('open-session@example.com', ['default']);
    const browser = await signedInAgent(harness.app, admin);
    await browser.get('/manage/t/default').expect(200);

    const run = await runAdmin(['reset-password', admin.email], adminEnvironment(stores, dataDir));
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('Every open dashboard session of this admin is signed out, and any set-password link not yet used no longer works.');

    const after = await browser.get('/manage/t/default');
    expect(after.status).toBe(303);
    expect(String(after.headers.location)).toMatch(/^\/manage\/login/);
  }, 90_000);
});
