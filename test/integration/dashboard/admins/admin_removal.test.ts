import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { signedInAgent, submitForm, useDashboardOnStore, type Agent, type SeededAdmin } from '../dashboard_harness.js';

/**
 * Removing an admin from a tenant on its Admins page: only that tenant is taken off the account, at
 * once for the sessions it has open; an account left with no tenant is deleted; an admin may remove
 * themselves. (Its log event: configuration_change_logs.test.ts.)
 */
describeEachStore('removing an admin from a tenant in the dashboard', (stores) => {
  const harness = useDashboardOnStore(stores);
  const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

  async function seed(label: string, tenants: string[]): Promise<SeededAdmin> {
    return harness().seedAdmin(`${unique(label)}@example.com`, tenants);
  }

  const signIn = (admin: SeededAdmin) => signedInAgent(harness().app, admin);

  function remove(agent: Agent, tenant: string, email: string, fields: Record<string, string> = { confirm: 'on' }) {
    const page = `/manage/t/${tenant}/admins`;
    return submitForm(agent, page, `${page}/remove`, { email, ...fields });
  }

  /** The page's outcome panel after the redirect. */
  async function outcome(agent: Agent, location: unknown): Promise<string> {
    const shown = await agent.get(String(location)).expect(200);
    return /<div class="panel [a-z]+" role="status">\s*<p>([^<]*)<\/p>/.exec(shown.text)?.[1] ?? '';
  }

  it('takes only this tenant off the admin, and their open session loses it at its next request', async () => {
    const [acme, globex] = [unique('acme'), unique('globex')];
    const owner = await seed('owner', [acme]);
    const colleague = await seed('colleague', [acme, globex]);
    const theirs = await signIn(colleague);
    await theirs.get(`/manage/t/${acme}`).expect(200);

    const removed = await remove(await signIn(owner), acme, colleague.email);
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe(`/manage/t/${acme}/admins`);

    await theirs.get(`/manage/t/${acme}`).expect(404);
    await theirs.get(`/manage/t/${globex}`).expect(200);
    expect((await harness().store.admins.get(colleague.email))?.tenants).toEqual([globex]);
  });

  it('says so once after the redirect', async () => {
    const acme = unique('acme');
    const owner = await signIn(await seed('owner', [acme]));
    const colleague = await seed('colleague', [acme, unique('own')]);
    const removed = await remove(owner, acme, colleague.email);
    expect(await outcome(owner, removed.headers.location)).toBe(
      `${colleague.email} no longer manages this tenant; a dashboard session they have open loses it at its next page. Their other tenants are unchanged.`,
    );
  });

  it('removes nothing without the box ticked, and says so next to it', async () => {
    const acme = unique('acme');
    const owner = await signIn(await seed('owner', [acme]));
    const colleague = await seed('colleague', [acme]);

    const refused = await remove(owner, acme, colleague.email, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`id="remove-${colleague.email}-error"`);
    expect((await harness().store.admins.get(colleague.email))?.tenants).toEqual([acme]);
  });

  it('deletes an account removed from its last tenant, and its sessions count as signed out', async () => {
    const acme = unique('acme');
    const owner = await signIn(await seed('owner', [acme]));
    const colleague = await seed('colleague', [acme]);
    const theirs = await signIn(colleague);

    const removed = await remove(owner, acme, colleague.email);
    expect(await outcome(owner, removed.headers.location)).toContain('their admin account is deleted');
    expect(await harness().store.admins.get(colleague.email)).toBeUndefined();
    expect((await theirs.get(`/manage/t/${acme}`)).headers.location).toMatch(/^\/manage\/login\?/);
  });

  it('lets an admin remove themselves, and leads them to their other tenants', async () => {
    const [acme, globex] = [unique('acme'), unique('globex')];
    const me = await seed('me', [acme, globex]);
    await seed('colleague', [acme]);
    const mine = await signIn(me);

    const removed = await remove(mine, acme, me.email);
    expect(removed.headers.location).toBe('/manage/tenants');
    const tenants = await mine.get('/manage/tenants').expect(200);
    expect(tenants.text).toContain(`You no longer manage ${acme}.`);
    await mine.get(`/manage/t/${acme}`).expect(404);
  });

  it('signs out an admin who removed themselves from their last tenant, and says why on the sign-in page', async () => {
    const acme = unique('acme');
    const me = await seed('me', [acme]);
    await seed('colleague', [acme]);
    const mine = await signIn(me);

    const removed = await remove(mine, acme, me.email);
    expect(removed.headers.location).toBe('/manage/login?account_removed=1');
    expect((await mine.get(String(removed.headers.location)).expect(200)).text).toContain('your admin account no longer exists');
    expect(await harness().store.admins.get(me.email)).toBeUndefined();
  });
});
