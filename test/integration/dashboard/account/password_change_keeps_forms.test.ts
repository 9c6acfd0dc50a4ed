import { describe, expect, it } from '@jest/globals';
import { setAdminPassword } from '../../../../src/dashboard/account/admin_password.js';
import { csrfFrom, signedInAgent, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A password change signs the browser in again on a fresh session id, under the new credentials. The
 * forms already open in the admin's other tabs carry the session's CSRF token, which the new session
 * keeps, so none of them is refused as expired. Any other sign-in starts afresh, token included:
 * another admin's, and the same admin's through the sign-in form, on a session a password reset
 * made stale (whose token an attacker holding that session would know).
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

  it('gives the same admin signing in through the form, on a session a reset made stale, a new token', async () => {
    const admin = await dashboard.harness().seedAdmin('reset@example.com', ['default']);
    const agent = await signedInAgent(dashboard.harness().app, admin);
    const staleToken = await csrfFrom(agent, newApplication);
    await setAdminPassword({ admins: dashboard.harness().store.admins, dataDir: dashboard.harness().config.dataDir }, admin.email, 'the password after the reset');

    const loginToken = await csrfFrom(agent, '/manage/login');
    await agent.post('/manage/login').type('form').send({ _csrf: loginToken, email: admin.email, password: 'the password after the reset' }).expect(303);

    expect(await csrfFrom(agent, newApplication)).not.toBe(staleToken);
    expect((await createApplication(agent, staleToken, 'Made with the stale session’s token')).status).toBe(403);
  });
});
