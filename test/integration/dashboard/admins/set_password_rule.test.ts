import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfTokenOf, HOST, signedInAgent, startDashboardHarness, submitForm, type DashboardHarness } from '../dashboard_harness.js';

/**
 * The password an invited admin sets with their link follows the account page's rule
 * (account/new_password_rule.ts): 12 characters as a person counts them, and not white space alone.
 */
describe('the password set with an invitation link', () => {
  let harness: DashboardHarness;
  let path: string;

  beforeAll(async () => {
    harness = await startDashboardHarness();
    const owner = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    const page = '/manage/t/default/admins';
    const invited = await submitForm(owner, page, page, { email: 'invited@example.com' });
    const shown = await owner.get(String(invited.headers.location)).expect(200);
    path = new URL(/id="set-password-link">([^<]+)</.exec(shown.text)![1]!).pathname;
  });
  afterAll(() => harness.close());

  async function set(password: string) {
    const agent = request.agent(harness.app).host(HOST);
    const _csrf = csrfTokenOf((await agent.get(path).expect(200)).text);
    return agent.post(path).type('form').send({ _csrf, password, confirm: password });
  }

  it('refuses twelve spaces, saying why, and the link still works', async () => {
    const refused = await set(' '.repeat(12));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="password-error">Use more than spaces: add letters, digits or symbols.</p>');
    expect((await harness.store.admins.get('invited@example.com'))?.passwordHash).toBeUndefined();
  });

  it('refuses six emoji as fewer than 12 characters', async () => {
    const refused = await set('🔑'.repeat(6));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Use at least 12 characters.');
  });

  it('sets a password of twelve emoji', async () => {
    expect((await set('🔑'.repeat(12))).status).toBe(303);
    expect((await harness.store.admins.get('invited@example.com'))?.passwordHash).toBeDefined();
  });
});
