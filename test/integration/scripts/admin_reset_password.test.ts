import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { firstPasswordFilePath, writeFirstPasswordFile } from '../../../src/dashboard/account/first_password_file.js';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../src/dashboard/account/sign_in_limiter.js';
import { verifyPassword } from '../../../src/domain/passwords.js';
import { describeEachStore } from '../../support/stores.js';
import { adminEnvironment, runAdmin } from './run_admin.js';
import { csrfTokenOf, HOST, startDashboardHarness, type DashboardHarness, type SeededAdmin } from '../dashboard/dashboard_harness.js';

const NEW_PASSWORD = /^New password for (\S+): (\S+)$/m;

/**
 * `npm run admin -- reset-password EMAIL` on each store, against a fitgate serving the same store: an
 * admin locked out of their only account gets a new password that opens the dashboard at once.
 */
describeEachStore('npm run admin -- reset-password', (stores) => {
  let dataDir: string;
  let harness: DashboardHarness;
  let admin: SeededAdmin;
  let environment: Record<string, string>;

  beforeAll(async () => {
    const testStore = stores.testStore();
    dataDir = stores.kind === 'sqlite' ? testStore.location : mkdtempSync(join(tmpdir(), 'fitgate-admin-script-'));
    harness = await startDashboardHarness({ shared: { store: stores.store(), dataDir } });
    admin = await harness.seedAdmin('only-admin@example.com', ['default']);
    environment = adminEnvironment(stores, dataDir);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    if (stores.kind === 'redis' && dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = async (password: string) => {
    const agent = request.agent(harness.app).host(HOST);
    const _csrf = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    return agent.post('/manage/login').type('form').send({ _csrf, email: admin.email, password });
  };

  it('prints a new password that signs the locked-out admin in, and the old one no longer works', async () => {
    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAccount; i += 1) expect((await signIn(`wrong ${i}`)).status).toBe(401);
    expect((await signIn(admin.password)).status).toBe(429);
    await writeFirstPasswordFile(dataDir, { email: admin.email, password: admin.password });

    const run = await runAdmin(['reset-password', 'Only-Admin@Example.com'], environment);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const [, email, password = ''] = NEW_PASSWORD.exec(run.stdout) ?? [];
    expect(email).toBe(admin.email);
    expect(password.length).toBeGreaterThanOrEqual(20);

    expect((await signIn(password)).status).toBe(303);
    expect((await signIn(admin.password)).status).toBe(401);
    expect(await verifyPassword(password, (await harness.store.admins.get(admin.email))!.passwordHash!)).toBe(true);
    expect(existsSync(firstPasswordFilePath(dataDir))).toBe(false);
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 50, type: 'scp' });
    expect(items.map((event) => event.userName)).toContain(admin.email);
  }, 90_000);

  it('says in one line that there is no such admin, exit code 1, and changes nothing', async () => {
    const before = (await harness.store.admins.get(admin.email))!.passwordHash;
    const run = await runAdmin(['reset-password', 'nobody@example.com'], environment);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^fitgate admin: there is no dashboard admin with the email nobody@example.com in this (embedded store|Redis)/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect((await harness.store.admins.get(admin.email))!.passwordHash).toBe(before);
  }, 60_000);

  it('answers a missing email with the usage line and exit code 2', async () => {
    const run = await runAdmin(['reset-password'], environment);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run admin -- reset-password EMAIL');
  }, 60_000);
});
