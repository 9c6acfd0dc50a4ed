import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { setAdminPassword } from '../../../../src/dashboard/account/admin_password.js';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../../src/dashboard/account/sign_in_limiter.js';
import { csrfTokenOf, HOST, signedInAgent, submitForm, useSignedInDashboard, type SeededAdmin } from '../dashboard_harness.js';

/** Password guessing is bounded per account (and address): further attempts get 429 until the window ends. */
describe('sign-in rate limit', () => {
  const dashboard = useSignedInDashboard();

  async function lockOut(admin: SeededAdmin) {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const token = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    const attempt = (password: string) => agent.post('/manage/login').type('form').send({ _csrf: token, email: admin.email, password });
    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAccount; i += 1) await attempt(`wrong ${i}`).expect(401);
    return { agent, attempt };
  }

  it(`refuses the account after ${DEFAULT_SIGN_IN_LIMITS.perAccount} attempts, even with the right password, saying the real wait`, async () => {
    const admin = await dashboard.harness().seedAdmin('locked@example.com', ['default']);
    const { agent, attempt } = await lockOut(admin);
    const limited = await attempt(admin.password).expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(DEFAULT_SIGN_IN_LIMITS.windowSeconds - 120);
    expect(limited.text).toContain(`Too many sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minutes.`);
    expect(limited.text).not.toContain('a few minutes');
    expect(limited.text).toContain('npm run admin -- reset-password EMAIL');
    await agent.get('/manage/t/default').expect(303);
  });

  it('counts attempts for another account separately', async () => {
    const other = await dashboard.harness().seedAdmin('second@example.com', ['default']);
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const token = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    await agent.post('/manage/login').type('form').send({ _csrf: token, email: other.email, password: other.password }).expect(303);
  });

  it('never refuses the change-password form of an admin who is signed in elsewhere', async () => {
    const admin = await dashboard.harness().seedAdmin('signed-in@example.com', ['default']);
    const signedIn = await signedInAgent(dashboard.harness().app, admin);
    await lockOut(admin);
    const changed = await submitForm(signedIn, '/manage/account', '/manage/account', {
      current_password: admin.password,
      password: 'a new password after the lock',
      confirm: 'a new password after the lock',
    });
    expect(changed.status).toBe(303);
  });

  it('lets the admin in with a new password (as reset on the server), though the old one was locked', async () => {
    const admin = await dashboard.harness().seedAdmin('reset@example.com', ['default']);
    const { attempt } = await lockOut(admin);
    await attempt(admin.password).expect(429);
    const { store, config } = dashboard.harness();
    await setAdminPassword({ admins: store.admins, dataDir: config.dataDir }, admin.email, 'the password set on the server');
    await attempt('the password set on the server').expect(303);
  });
});
