import { describe, expect, it } from '@jest/globals';
import { openCreateForm } from '../create_form.js';
import { useSignedInDashboard, type Agent } from '../dashboard_harness.js';

const ADMINS = '/manage/t/default/admins';

/**
 * "Add admin" double-clicked, or sent again after going Back: the admin is invited once, and the
 * list the browser lands on shows that invitation's set-password link, not the second post's
 * "already manages this tenant" in its place (the link then seen nowhere).
 */
describe('the Add admin form sent twice', () => {
  const dashboard = useSignedInDashboard();

  const linkOn = async (agent: Agent) => /id="set-password-link">([^<]+)</.exec((await agent.get(ADMINS).expect(200)).text)?.[1];

  it('shows the first invitation’s link after two posts at once', async () => {
    const agent = dashboard.agent();
    const fields = { ...(await openCreateForm(agent, ADMINS)), email: 'at-once@example.com' };
    const answers = await Promise.all([0, 1].map(() => agent.post(ADMINS).type('form').send(fields)));

    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, ADMINS],
      [303, ADMINS],
    ]);
    expect(await linkOn(agent)).toMatch(/\/manage\/set-password\/[A-Za-z0-9_-]{43}$/);
  });

  it('shows the first invitation’s link when the second post came before the list was seen', async () => {
    const agent = dashboard.agent();
    const fields = { ...(await openCreateForm(agent, ADMINS)), email: 'one-after-the-other@example.com' };
    await agent.post(ADMINS).type('form').send(fields).expect(303);
    await agent.post(ADMINS).type('form').send(fields).expect(303);

    const page = (await agent.get(ADMINS).expect(200)).text;
    expect(page).not.toContain('already manages this tenant');
    expect(page).toMatch(/id="set-password-link">[^<]+\/manage\/set-password\/[A-Za-z0-9_-]{43}</);
    expect(await linkOn(agent)).toBeUndefined();
  });
});
