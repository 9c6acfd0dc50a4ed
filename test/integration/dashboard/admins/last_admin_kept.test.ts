import { expect, it } from '@jest/globals';
import { removeAdmin } from '../../../../src/dashboard/admins/admin_removal.js';
import { describeEachStore } from '../../../support/stores.js';
import { bothReadFirst } from './both_read_first.js';
import { signedInAgent, submitForm, useDashboardOnStore } from '../dashboard_harness.js';

/**
 * A tenant never loses its last admin to a removal from the dashboard: the page offers no removal
 * then, a forged one is refused in words, and two removals of the last two admins at the same
 * moment leave one, since the rule is checked again as each is written.
 */
describeEachStore("a tenant's last admin", (stores) => {
  const harness = useDashboardOnStore(stores);
  const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

  it('is not offered for removal, and a removal sent anyway is refused and changes nothing', async () => {
    const acme = unique('acme');
    const only = await harness().seedAdmin(`${unique('only')}@example.com`, [acme]);
    const agent = await signedInAgent(harness().app, only);
    const page = `/manage/t/${acme}/admins`;
    expect((await agent.get(page).expect(200)).text).not.toContain('Remove from this tenant');

    const refused = await submitForm(agent, page, `${page}/remove`, { email: only.email, confirm: 'on' });
    expect(refused.status).toBe(303);
    const shown = await agent.get(page).expect(200);
    expect(shown.text).toContain(`${only.email} is the only admin of this tenant and was not removed: the tenant would have nobody to manage it.`);
    expect((await harness().store.admins.get(only.email))?.tenants).toEqual([acme]);
  });

  it('stays when its last two admins remove each other at the same moment', async () => {
    const acme = unique('acme');
    const [ada, bob] = [`${unique('ada')}@example.com`, `${unique('bob')}@example.com`];
    // Ada has another tenant, so her removal is an update; Bob has none, so his is a delete.
    await harness().seedAdmin(ada, [acme, unique('own')]);
    await harness().seedAdmin(bob, [acme]);
    const raced = bothReadFirst(harness().store);
    const deps = { admins: raced.admins, dataDir: harness().config.dataDir };

    const results = await Promise.all([removeAdmin(deps, ada, { tenant: acme }), removeAdmin(deps, bob, { tenant: acme })]);
    const kinds = results.map((result) => result.kind);
    expect(kinds.filter((kind) => kind === 'last_admin')).toHaveLength(1);
    expect(kinds).toContainEqual(expect.stringMatching(/^(removed|account_deleted)$/));
    expect(await harness().store.admins.listByTenant(acme)).toHaveLength(1);
  });
});
