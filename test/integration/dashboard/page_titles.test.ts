import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { HOST, submitForm, useSignedInDashboard } from './dashboard_harness.js';

/**
 * A dashboard page's title names the page, then the tenant, then fitgate, so tabs of two tenants can
 * be told apart; a page showing a refused form starts with "Error: ", which a screen reader says first.
 */
describe('dashboard page titles', () => {
  const dashboard = useSignedInDashboard();
  const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

  it('names the page and its tenant', async () => {
    expect(titleOf((await dashboard.agent().get('/manage/t/default/users').expect(200)).text)).toBe('Users · default · fitgate');
    expect(titleOf((await dashboard.agent().get('/manage/t/default').expect(200)).text)).toBe('Overview · default · fitgate');
  });

  it('starts with "Error: " on a refused form and a refused sign-in', async () => {
    const list = '/manage/t/default/applications';
    const refused = await submitForm(dashboard.agent(), `${list}/new`, list, { name: '', app_type: 'regular_web' });
    expect(titleOf(refused.text)).toBe('Error: Create application · default · fitgate');

    const visitor = request.agent(dashboard.harness().app).host(HOST);
    const signIn = await submitForm(visitor, '/manage/login', '/manage/login', { email: 'owner@example.com', password: 'not the password' });
    expect(titleOf(signIn.text)).toBe('Error: Sign in · fitgate');
  });

  it("names a user's delete page by the user's name, as its heading does", async () => {
    const now = new Date().toISOString();
    const userId = 'fitbit|carol-0b7e61d2';
    await dashboard.harness().store.users.create({
      tenant: 'default',
      userId,
      name: 'Carol Swimmer',
      identities: [{ provider: 'fitbit', connection: 'fitbit', userId: 'carol-0b7e61d2', isSocial: true, api: 'google-health', grantedScopes: ['profile'], status: 'connected' }],
      loginsCount: 1,
      createdAt: now,
      updatedAt: now,
    });
    const { text } = await dashboard.agent().get(`/manage/t/default/users/${encodeURIComponent(userId)}/delete`).expect(200);
    expect(titleOf(text)).toBe('Delete Carol Swimmer · default · fitgate');
  });
});
