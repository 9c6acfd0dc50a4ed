import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { csrfTokenOf, HOST, signedInAgent, submitForm, useDashboardOnStore, type Agent } from '../dashboard_harness.js';

/**
 * Someone invited to one tenant who has not set a password yet, invited again by an admin of another
 * tenant. The password is the whole account's, so the second inviter must get no link: with one,
 * they could set the password themselves and sign in as the invitee, in the first tenant too.
 */
describeEachStore('inviting someone still waiting to set a password', (stores) => {
  const harness = useDashboardOnStore(stores);
  let owner: Agent;
  let eve: Agent;

  beforeAll(async () => {
    owner = await signedInAgent(harness().app, await harness().seedAdmin('owner@example.com', ['default', 'acme']));
    eve = await signedInAgent(harness().app, await harness().seedAdmin('eve@example.com', ['default']));
  });

  /** Invites `email` to `tenant` as `agent`; the admins page shown afterwards, and the link on it if any. */
  async function invite(agent: Agent, tenant: string, email: string): Promise<{ text: string; link: string | undefined }> {
    const page = `/manage/t/${tenant}/admins`;
    const response = await submitForm(agent, page, page, { email });
    expect(response.status).toBe(303);
    const { text } = await agent.get(String(response.headers.location)).expect(200);
    return { text, link: /id="set-password-link">([^<]+)</.exec(text)?.[1] };
  }

  async function setPassword(link: string, password: string): Promise<Agent> {
    const path = new URL(link).pathname;
    const browser = request.agent(harness().app).host(HOST);
    const _csrf = csrfTokenOf((await browser.get(path).expect(200)).text);
    await browser.post(path).type('form').send({ _csrf, password, confirm: password }).expect(303);
    return browser;
  }

  it('gives the second inviter no link, only adds the tenant, and says the earlier link stands', async () => {
    const first = await invite(owner, 'acme', 'zed@example.com');
    expect(first.link).toBeDefined();

    const second = await invite(eve, 'default', 'zed@example.com');
    expect(second.link).toBeUndefined();
    expect(second.text).toContain('zed@example.com was already invited and has not set a password yet');
    expect(second.text).not.toContain('acme');
    expect((await harness().store.admins.get('zed@example.com'))?.tenants).toEqual(['acme', 'default']);

    const zed = await setPassword(first.link!, 'the password zed chose');
    await zed.get('/manage/t/acme/applications').expect(200);
    await zed.get('/manage/t/default/applications').expect(200);
  });
});
