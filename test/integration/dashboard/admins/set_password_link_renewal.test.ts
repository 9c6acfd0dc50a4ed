import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, signedInAgent, submitForm, useDashboardOnStore, type Agent } from '../dashboard_harness.js';

/**
 * A new set-password link for someone whose link was lost or has expired. Its holder chooses the
 * password of the whole account, so only an admin who manages every tenant of that account may issue
 * one, and it replaces the links given before.
 */
describeEachStore('a new set-password link', (stores) => {
  const harness = useDashboardOnStore(stores);
  let owner: Agent;
  let eve: Agent;

  beforeAll(async () => {
    owner = await signedInAgent(harness().app, await harness().seedAdmin('owner@example.com', ['default', 'acme']));
    eve = await signedInAgent(harness().app, await harness().seedAdmin('eve@example.com', ['default']));
  });

  const linkOn = (html: string) => /id="set-password-link">([^<]+)</.exec(html)?.[1];
  const hasNewLinkButton = (html: string, email: string) => html.includes(`aria-label="New set-password link for ${email}"`);

  /** POSTs `fields` to `action` from the admins page of `tenant`; the page shown afterwards. */
  async function postFromAdmins(agent: Agent, tenant: string, action: string, fields: Record<string, string>): Promise<string> {
    const page = `/manage/t/${tenant}/admins`;
    const response = await submitForm(agent, page, `${page}${action}`, fields);
    expect(response.status).toBe(303);
    return (await agent.get(String(response.headers.location)).expect(200)).text;
  }

  async function linkOpens(link: string): Promise<boolean> {
    return (await request(harness().app).get(new URL(link).pathname).set('Host', HOST)).status === 200;
  }

  /** An account invited to acme, then to default, both by the owner: pending, with the link the second invitation gave. */
  async function pendingInBoth(email: string): Promise<string> {
    await postFromAdmins(owner, 'acme', '', { email });
    return linkOn(await postFromAdmins(owner, 'default', '', { email }))!;
  }

  it('is offered to, and issued for, an admin of every tenant of the account, and replaces the earlier link', async () => {
    const firstLink = await pendingInBoth('zed@example.com');

    const page = await owner.get('/manage/t/default/admins').expect(200);
    expect(hasNewLinkButton(page.text, 'zed@example.com')).toBe(true);
    const newLink = linkOn(await postFromAdmins(owner, 'default', '/new-link', { email: 'zed@example.com' }));
    expect(newLink).toMatch(/\/manage\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect(await linkOpens(newLink!)).toBe(true);
    expect(await linkOpens(firstLink)).toBe(false);

    const zed = request.agent(harness().app).host(HOST);
    const path = new URL(newLink!).pathname;
    const _csrf = csrfTokenOf((await zed.get(path).expect(200)).text);
    await zed.post(path).type('form').send({ _csrf, password: 'the password zed chose', confirm: 'the password zed chose' }).expect(303);
    await zed.get('/manage/t/acme').expect(200);
  });

  it('is neither offered to nor issued for an admin who does not manage every tenant of the account', async () => {
    const firstLink = await pendingInBoth('yan@example.com');
    const before = await harness().store.admins.get('yan@example.com');

    const page = await eve.get('/manage/t/default/admins').expect(200);
    expect(page.text).toContain('yan@example.com');
    expect(hasNewLinkButton(page.text, 'yan@example.com')).toBe(false);

    const refused = await postFromAdmins(eve, 'default', '/new-link', { email: 'yan@example.com' });
    expect(linkOn(refused)).toBeUndefined();
    expect(refused).toContain('npm run admin -- reset-password yan@example.com');
    expect(refused).not.toContain('acme');
    expect(await harness().store.admins.get('yan@example.com')).toEqual(before);
    expect(await linkOpens(firstLink)).toBe(true);
  });

  it('is not issued for an admin who has set a password, nor for someone outside the tenant', async () => {
    await harness().seedAdmin('active@example.com', ['default']);
    for (const email of ['active@example.com', 'nobody@example.com']) {
      const refused = await postFromAdmins(owner, 'default', '/new-link', { email });
      expect(linkOn(refused)).toBeUndefined();
      expect(refused).toContain(`No admin of this tenant with the email ${email} is waiting to set a password.`);
    }
  });
});
