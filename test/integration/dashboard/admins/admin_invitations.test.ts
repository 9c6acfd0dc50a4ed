import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfTokenOf, HOST, signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';

/** Adding an admin by email: a one-time set-password link, shown to the inviting admin. */
describe('inviting another admin', () => {
  let harness: DashboardHarness;
  let owner: Agent;

  beforeAll(async () => {
    harness = await startDashboardHarness();
    owner = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default', 'acme']));
  });
  afterAll(() => harness.close());

  async function invite(tenant: string, email: string): Promise<string | undefined> {
    const page = `/manage/t/${tenant}/admins`;
    const response = await submitForm(owner, page, page, { email });
    expect(response.status).toBe(303);
    const shown = await owner.get(String(response.headers.location)).expect(200);
    return /id="set-password-link">([^<]+)</.exec(shown.text)?.[1];
  }

  it('gives a link that works once, sets the password, signs the new admin in to that tenant only', async () => {
    const link = await invite('acme', 'New@Example.com');
    expect(link).toMatch(/^http:\/\/localhost:3000\/manage\/set-password\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link!).pathname;

    const invited = request.agent(harness.app).host(HOST);
    const form = await invited.get(path).expect(200);
    expect(form.text).toContain('new@example.com');
    const _csrf = csrfTokenOf(form.text);
    await invited.post(path).type('form').send({ _csrf, password: 'short', confirm: 'short' }).expect(400);
    await invited.post(path).type('form').send({ _csrf, password: 'a long new password', confirm: 'a long new password' }).expect(303);
    await invited.get('/manage/t/acme').expect(200);
    await invited.get('/manage/t/default').expect(404);

    const again = request.agent(harness.app).host(HOST);
    const expired = await again.get(path).expect(404);
    expect(expired.text).toContain('This link cannot be used');
  });

  it('adds an existing admin to the tenant without a link', async () => {
    await harness.seedAdmin('veteran@example.com', ['default']);
    const link = await invite('acme', 'veteran@example.com');
    expect(link).toBeUndefined();
    expect((await harness.store.admins.get('veteran@example.com'))?.tenants).toEqual(['default', 'acme']);
  });

  it('refuses something that is not an email address', async () => {
    const page = '/manage/t/acme/admins';
    const refused = await submitForm(owner, page, page, { email: 'not-an-email' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="email-error"');
  });
});
