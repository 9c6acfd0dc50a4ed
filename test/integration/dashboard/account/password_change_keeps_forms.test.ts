import { describe, expect, it } from '@jest/globals';
import { csrfFrom, signedInAgent, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A password change signs the browser in again on a fresh session id, under the new credentials. The
 * forms already open in the admin's other tabs carry the session's CSRF token, which the new session
 * keeps, so none of them is refused as expired. Signing in as another admin starts afresh, token
 * included.
 */
describe('changing the password in one tab', () => {
  const dashboard = useSignedInDashboard();
  const newApplication = '/manage/t/default/applications/new';
  const createApplication = (agent: ReturnType<typeof dashboard.agent>, _csrf: string, name: string) =>
    agent.post('/manage/t/default/applications').type('form').send({ _csrf, name, app_type: 'regular_web' });

  it('keeps the forms open in the other tabs working', async () => {
    const agent = await signedInAgent(dashboard.harness().app, await dashboard.harness().seedAdmin('tabs@example.com', ['default']));
    const otherTab = await csrfFrom(agent, newApplication);

    const changed = await submitForm(agent, '/manage/account', '/manage/account', {
      current_password: 'password for tabs@example.com',
      password: 'a new password for the tabs test',
      confirm: 'a new password for the tabs test',
    });
    expect(changed.status).toBe(303);

    expect((await createApplication(agent, otherTab, 'Made in the other tab')).status).toBe(303);
  });

  it('gives another admin signing in on the same browser a new token', async () => {
    const agent = await signedInAgent(dashboard.harness().app, await dashboard.harness().seedAdmin('first@example.com', ['default']));
    const second = await dashboard.harness().seedAdmin('second@example.com', ['default']);
    const firstToken = await csrfFrom(agent, newApplication);

    await agent.post('/manage/login').type('form').send({ _csrf: firstToken, email: second.email, password: second.password }).expect(303);

    expect((await createApplication(agent, firstToken, 'Made with the first admin’s token')).status).toBe(403);
    expect(await csrfFrom(agent, newApplication)).not.toBe(firstToken);
  });
});
