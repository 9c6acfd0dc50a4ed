import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfFrom, csrfTokenOf, HOST, signedInAgent, useSignedInDashboard } from './dashboard_harness.js';

/** Every dashboard form carries the session's CSRF token; a post without it changes nothing. */
describe('CSRF protection of dashboard forms', () => {
  const dashboard = useSignedInDashboard();

  async function applicationCount(): Promise<number> {
    return (await dashboard.harness().store.clients.list('default', { page: 0, perPage: 10 })).total;
  }

  it('puts the session token in every form of a page', async () => {
    const page = await dashboard.agent().get('/manage/t/default/applications/new').expect(200);
    const forms = page.text.match(/<form method="post"/g) ?? [];
    const tokens = page.text.match(/name="_csrf" value="[^"]+"/g) ?? [];
    expect(forms.length).toBeGreaterThan(0);
    expect(tokens.length).toBe(forms.length);
  });

  it('refuses a post without a token and changes nothing', async () => {
    const response = await dashboard.agent().post('/manage/t/default/applications').type('form').send({ name: 'Forged', app_type: 'spa' }).expect(403);
    expect(response.text).toContain('This form has expired');
    expect(await applicationCount()).toBe(0);
  });

  it('refuses a post carrying another session\'s token', async () => {
    const other = await signedInAgent(dashboard.harness().app, await dashboard.harness().seedAdmin('other@example.com', ['default']));
    const othersToken = await csrfFrom(other, '/manage/t/default');
    await dashboard.agent().post('/manage/t/default/applications').type('form').send({ _csrf: othersToken, name: 'Forged', app_type: 'spa' }).expect(403);
    expect(await applicationCount()).toBe(0);
  });

  it('accepts the same post with the session\'s own token', async () => {
    const _csrf = await csrfFrom(dashboard.agent(), '/manage/t/default/applications/new');
    await dashboard.agent().post('/manage/t/default/applications').type('form').send({ _csrf, name: 'Genuine', app_type: 'spa' }).expect(303);
    expect(await applicationCount()).toBe(1);
  });

  it('protects the sign-in form too (login CSRF)', async () => {
    const fresh = request.agent(dashboard.harness().app).host(HOST);
    await fresh.get('/manage/login').expect(200);
    await fresh.post('/manage/login').type('form').send({ email: dashboard.admin().email, password: dashboard.admin().password }).expect(403);
    await fresh.get('/manage/t/default').expect(303);
  });

  it('protects sign-out, so another site cannot sign the admin out', async () => {
    await dashboard.agent().post('/manage/logout').type('form').send({}).expect(403);
    const page = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(csrfTokenOf(page.text)).toBeTruthy();
  });
});
