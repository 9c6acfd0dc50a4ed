import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { openCreateForm } from '../create_form.js';
import { HOST, submitForm, useSignedInDashboard, type Agent } from '../dashboard_harness.js';

const ADMINS = '/manage/t/default/admins';
const SENT_AGAIN = 'This New set-password link form was sent twice.';

/**
 * "New set-password link" sent again (a double click whose answers the browser showed both, Back
 * and the form sent again) makes no second link, and the page it leads to says what became of the
 * first: the link itself while its list was not seen yet, else that it was made and shown once,
 * still works, and how to get another. Before, that page was the bare list, as if the click had
 * done nothing.
 */
describe('the page a New set-password link sent again leads to', () => {
  const dashboard = useSignedInDashboard();

  const linkOn = (html: string) => /id="set-password-link">([^<]+)</.exec(html)?.[1];
  const linkOpens = async (link: string) => (await request(dashboard.harness().app).get(new URL(link).pathname).set('Host', HOST)).status === 200;
  const post = (agent: Agent, fields: Record<string, string>) => agent.post(`${ADMINS}/new-link`).type('form').send(fields);

  async function waitingAdmin(agent: Agent, email: string): Promise<Record<string, string>> {
    expect((await submitForm(agent, ADMINS, ADMINS, { email })).status).toBe(303);
    await agent.get(ADMINS).expect(200);
    return { ...(await openCreateForm(agent, ADMINS)), email };
  }

  it('says the link was made and shown once, and still works, once the first post\u2019s list was seen', async () => {
    const agent = dashboard.agent();
    const fields = await waitingAdmin(agent, 'seen-once@example.com');
    await post(agent, fields).expect(303);
    const link = linkOn((await agent.get(ADMINS).expect(200)).text)!;

    const again = await post(agent, fields).expect(303);
    const { text } = await agent.get(String(again.headers.location)).expect(200);

    expect(text).toContain(SENT_AGAIN);
    expect(text).toContain('it still works, since the second made none');
    expect(text).toMatch(/<div class="panel success" role="status">\s*<p>This New set-password link form was sent twice/);
    expect(linkOn(text)).toBeUndefined();
    expect(await linkOpens(link)).toBe(true);
  });

  it('shows the link itself when the list after the first post was not seen yet', async () => {
    const agent = dashboard.agent();
    const fields = await waitingAdmin(agent, 'not-seen@example.com');
    await post(agent, fields).expect(303);

    const again = await post(agent, fields).expect(303);
    const { text } = await agent.get(String(again.headers.location)).expect(200);

    expect(await linkOpens(linkOn(text)!)).toBe(true);
    expect(text).not.toContain(SENT_AGAIN);
  });

  it('says nothing of it on the list opened by itself', async () => {
    const { text } = await dashboard.agent().get(ADMINS).expect(200);
    expect(text).not.toContain(SENT_AGAIN);
  });
});
