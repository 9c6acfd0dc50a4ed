import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { signedInAgent, startDashboardHarness, type DashboardHarness, type SeededAdmin } from '../dashboard/dashboard_harness.js';
import { adminEnvironment, runAdmin } from './run_admin.js';

/**
 * `npm run admin -- remove-admin EMAIL [TENANT] [--force]` on each store, against a fitgate serving
 * the same store: the account, or one tenant of it, is gone at the removed admin's next request;
 * a tenant's last admin stays unless the operator insists.
 */
describeEachStore('npm run admin -- remove-admin', (stores) => {
  let dataDir: string;
  let harness: DashboardHarness;
  let environment: Record<string, string>;
  const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

  beforeAll(async () => {
    dataDir = stores.kind === 'sqlite' ? stores.testStore().location : mkdtempSync(join(tmpdir(), 'fitgate-admin-script-'));
    harness = await startDashboardHarness({ shared: { store: stores.store(), dataDir } });
    environment = adminEnvironment(stores, dataDir);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    if (stores.kind === 'redis' && dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** An admin of `tenants`, each of which has another admin too. */
  async function colleagueIn(tenants: string[]): Promise<SeededAdmin> {
    await harness.seedAdmin(`${unique('owner')}@example.com`, tenants);
    return harness.seedAdmin(`${unique('colleague')}@example.com`, tenants);
  }

  it('without TENANT deletes the account from every tenant, and its open session is signed out', async () => {
    const [acme, globex] = [unique('acme'), unique('globex')];
    const colleague = await colleagueIn([acme, globex]);
    const session = await signedInAgent(harness.app, colleague);

    const run = await runAdmin(['remove-admin', colleague.email.toUpperCase()], environment);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`Removed the admin account ${colleague.email}, which managed ${acme}, ${globex}.`);

    expect(await harness.store.admins.get(colleague.email)).toBeUndefined();
    expect((await session.get(`/manage/t/${globex}`)).headers.location).toMatch(/^\/manage\/login\?/);
    const { items } = await harness.store.logs.list(acme, { page: 0, perPage: 10, type: 'sapi' });
    expect(items.map((event) => [event.userName, event.description])).toContainEqual([
      colleague.email,
      'Dashboard admin removed on the server (npm run admin -- remove-admin)',
    ]);
  }, 60_000);

  it('with TENANT takes that tenant only, at the next request of the session', async () => {
    const [acme, globex] = [unique('acme'), unique('globex')];
    const colleague = await colleagueIn([acme, globex]);
    const session = await signedInAgent(harness.app, colleague);

    const run = await runAdmin(['remove-admin', colleague.email, acme], environment);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`${colleague.email} no longer manages ${acme}; it still manages ${globex}.`);

    expect((await harness.store.admins.get(colleague.email))?.tenants).toEqual([globex]);
    await session.get(`/manage/t/${acme}`).expect(404);
    await session.get(`/manage/t/${globex}`).expect(200);
  }, 60_000);

  it('keeps the last admin of a tenant, exit code 1, unless --force, which says the tenant has no admin now', async () => {
    const [acme, shared] = [unique('acme'), unique('shared')];
    await harness.seedAdmin(`${unique('owner')}@example.com`, [shared]);
    const only = await harness.seedAdmin(`${unique('only')}@example.com`, [acme, shared]);

    const refused = await runAdmin(['remove-admin', only.email], environment);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`fitgate admin: ${only.email} is the only admin of ${acme}; nothing was changed.`);
    expect(refused.stderr).toContain('--force');
    expect((await harness.store.admins.get(only.email))?.tenants).toEqual([acme, shared]);

    const forced = await runAdmin(['remove-admin', only.email, '--force'], environment);
    expect([forced.code, forced.stderr]).toEqual([0, '']);
    expect(forced.stdout).toContain(`The tenant ${acme} has no admin now`);
    expect(forced.stdout).not.toContain(`The tenant ${shared} has no admin now`);
    expect(await harness.store.admins.get(only.email)).toBeUndefined();
    expect(await harness.store.admins.listByTenant(acme)).toEqual([]);
  }, 90_000);

  it('says in one line that the admin does not manage TENANT, exit code 1, and changes nothing', async () => {
    const colleague = await colleagueIn([unique('acme')]);
    const run = await runAdmin(['remove-admin', colleague.email, 'elsewhere'], environment);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`fitgate admin: ${colleague.email} is not an admin of the tenant elsewhere; its tenants: ${colleague.tenants[0]}`]);
    expect((await harness.store.admins.get(colleague.email))?.tenants).toEqual(colleague.tenants);
  }, 60_000);

  it('answers an unknown option with the usage line and exit code 2', async () => {
    const run = await runAdmin(['remove-admin', 'someone@example.com', '--everything'], environment);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run admin -- remove-admin EMAIL [TENANT] [--force]');
  }, 60_000);
});
