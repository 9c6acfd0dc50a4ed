import { describe, expect, it } from '@jest/globals';
import { openCreateForm } from '../create_form.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * "Create tenant" double-clicked, or sent again after going Back: every post lands on the tenant the
 * first made, rather than the browser, which shows the last answer, on "already exists".
 */
describe('the Create tenant form sent twice', () => {
  const dashboard = useSignedInDashboard();

  it('lands both posts at once, and one sent later, on the new tenant', async () => {
    const agent = dashboard.agent();
    const fields = { ...(await openCreateForm(agent, '/manage/tenants')), name: 'twice' };
    const post = () => agent.post('/manage/tenants').type('form').send(fields);

    const answers = await Promise.all([post(), post()]);
    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, '/manage/t/twice?created=1'],
      [303, '/manage/t/twice?created=1'],
    ]);
    expect((await post().expect(303)).headers.location).toBe('/manage/t/twice?created=1');
    expect((await dashboard.harness().store.admins.get('owner@example.com'))?.tenants).toEqual(['default', 'twice']);
  });
});
