import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { HOST, signedInAgent, submitForm, useDashboardOnStore, type Agent } from '../dashboard_harness.js';

/**
 * An admin still waiting to set a password, once removed from a tenant, can no longer set it with a
 * link given before: not when the account keeps other tenants, not once it is deleted, and not
 * after the same email is invited again (a new account, whose own link works).
 */
describeEachStore('the set-password links of a removed admin', (stores) => {
  const harness = useDashboardOnStore(stores);
  const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

  async function ownerOf(tenants: string[]): Promise<Agent> {
    return signedInAgent(harness().app, await harness().seedAdmin(`${unique('owner')}@example.com`, tenants));
  }

  /** Invites `email` and returns the path of the link the page shows. */
  async function invite(owner: Agent, tenant: string, email: string): Promise<string> {
    const page = `/manage/t/${tenant}/admins`;
    const invited = await submitForm(owner, page, page, { email });
    const shown = await owner.get(String(invited.headers.location)).expect(200);
    const link = /id="set-password-link">([^<]+)</.exec(shown.text)?.[1];
    if (!link) throw new Error('the page shows no set-password link');
    return new URL(link).pathname;
  }

  async function remove(owner: Agent, tenant: string, email: string): Promise<void> {
    const page = `/manage/t/${tenant}/admins`;
    expect((await submitForm(owner, page, `${page}/remove`, { email, confirm: 'on' })).status).toBe(303);
  }

  const opens = async (link: string) => (await request(harness().app).get(link).set('Host', HOST)).status === 200;

  it('stop working when the account is removed from one of its tenants and keeps the others', async () => {
    const [acme, globex] = [unique('acme'), unique('globex')];
    const owner = await ownerOf([acme, globex]);
    const email = `${unique('pending')}@example.com`;
    await invite(owner, acme, email);
    const link = await invite(owner, globex, email);
    expect(await opens(link)).toBe(true);

    await remove(owner, acme, email);
    expect(await opens(link)).toBe(false);
    expect((await harness().store.admins.get(email))?.tenants).toEqual([globex]);
  });

  it('stop working once the account is deleted, and stay so when the email is invited again', async () => {
    const acme = unique('acme');
    const owner = await ownerOf([acme]);
    const email = `${unique('pending')}@example.com`;
    const before = await invite(owner, acme, email);

    await remove(owner, acme, email);
    expect(await harness().store.admins.get(email)).toBeUndefined();
    expect(await opens(before)).toBe(false);

    const again = await invite(owner, acme, email);
    expect(await opens(before)).toBe(false);
    expect(await opens(again)).toBe(true);
  });
});
