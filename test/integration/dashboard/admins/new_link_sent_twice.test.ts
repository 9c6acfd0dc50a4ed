import { afterEach, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { openCreateForm } from '../create_form.js';
import { HOST, submitForm, useSignedInDashboard, type Agent } from '../dashboard_harness.js';
import { meetAtTheWrite } from '../sent_at_once.js';

const ADMINS = '/manage/t/default/admins';

/**
 * "New set-password link" double-clicked, or sent again after going Back: one new link. A second
 * would void the link the list shows (each new link replaces the open ones), and the admin would
 * hand on one that does not work. The list shows the link once; the list opened again gives another.
 */
describe('the New set-password link form sent twice', () => {
  const dashboard = useSignedInDashboard();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const linkOn = (html: string) => /id="set-password-link">([^<]+)</.exec(html)?.[1];
  const linkOpens = async (link: string) => (await request(dashboard.harness().app).get(new URL(link).pathname).set('Host', HOST)).status === 200;
  const version = async (email: string) => (await dashboard.harness().store.admins.get(email))!.credentialVersion;
  const post = (agent: Agent, fields: Record<string, string>) => agent.post(`${ADMINS}/new-link`).type('form').send(fields);

  async function invited(agent: Agent, email: string): Promise<void> {
    expect((await submitForm(agent, ADMINS, ADMINS, { email })).status).toBe(303);
    await agent.get(ADMINS).expect(200);
  }

  it('gives one link for two posts at once, which works, and none for a post sent later', async () => {
    const agent = dashboard.agent();
    await invited(agent, 'at-once@example.com');
    const before = await version('at-once@example.com');
    const fields = { ...(await openCreateForm(agent, ADMINS)), email: 'at-once@example.com' };
    const { store } = dashboard.harness();
    const meeting = meetAtTheWrite(store.locks);
    const update = meeting.held(store.admins.update.bind(store.admins));
    jest.spyOn(store.admins, 'update').mockImplementation(update);

    const answers = await Promise.all([post(agent, fields), post(agent, fields)]);
    expect(meeting.writes()).toBe(1);
    jest.restoreAllMocks();

    // The one that did not act says so on the list (new_link_sent_again_page.test.ts).
    expect(answers.map((answer) => [answer.status, answer.headers.location]).sort()).toEqual([
      [303, ADMINS],
      [303, `${ADMINS}?sent_again=set-password-link`],
    ]);
    const link = linkOn((await agent.get(ADMINS).expect(200)).text);
    expect(await linkOpens(link!)).toBe(true);
    expect(await version('at-once@example.com')).toBe(before! + 1);

    expect((await post(agent, fields).expect(303)).headers.location).toBe(`${ADMINS}?sent_again=set-password-link`);
    expect(linkOn((await agent.get(`${ADMINS}?sent_again=set-password-link`).expect(200)).text)).toBeUndefined();
    expect(await linkOpens(link!)).toBe(true);
  });

  it('shows the first post’s link when the second came before the list was seen', async () => {
    const agent = dashboard.agent();
    await invited(agent, 'in-a-row@example.com');
    const fields = { ...(await openCreateForm(agent, ADMINS)), email: 'in-a-row@example.com' };
    await post(agent, fields).expect(303);
    await post(agent, fields).expect(303);

    const link = linkOn((await agent.get(ADMINS).expect(200)).text);
    expect(await linkOpens(link!)).toBe(true);
  });

  it('gives another link from the list opened again, voiding the one before', async () => {
    const agent = dashboard.agent();
    await invited(agent, 'on-purpose@example.com');
    await post(agent, { ...(await openCreateForm(agent, ADMINS)), email: 'on-purpose@example.com' }).expect(303);
    const first = linkOn((await agent.get(ADMINS).expect(200)).text)!;
    await post(agent, { ...(await openCreateForm(agent, ADMINS)), email: 'on-purpose@example.com' }).expect(303);
    const second = linkOn((await agent.get(ADMINS).expect(200)).text)!;

    expect(await linkOpens(second)).toBe(true);
    expect(await linkOpens(first)).toBe(false);
  });

  it('tries a refused form again: sent once the reason is gone, it gives a link', async () => {
    const agent = dashboard.agent();
    const fields = { ...(await openCreateForm(agent, ADMINS)), email: 'later@example.com' };
    await post(agent, fields).expect(303);
    expect((await agent.get(ADMINS).expect(200)).text).toContain('No admin of this tenant with the email later@example.com is waiting to set a password.');

    await invited(agent, 'later@example.com');
    await post(agent, fields).expect(303);
    const link = linkOn((await agent.get(ADMINS).expect(200)).text);
    expect(await linkOpens(link!)).toBe(true);
  });
});
