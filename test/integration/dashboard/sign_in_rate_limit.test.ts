import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../src/dashboard/sign_in_limiter.js';
import { csrfTokenOf, HOST, useSignedInDashboard } from './dashboard_harness.js';

/** Password guessing is bounded per account (and address): further attempts get 429 until the window ends. */
describe('sign-in rate limit', () => {
  const dashboard = useSignedInDashboard();

  it(`refuses the account after ${DEFAULT_SIGN_IN_LIMITS.perAccount} attempts, even with the right password, with Retry-After`, async () => {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const token = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    const attempt = (password: string) => agent.post('/manage/login').type('form').send({ _csrf: token, email: dashboard.admin().email, password });

    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAccount; i += 1) await attempt(`wrong ${i}`).expect(401);
    const limited = await attempt(dashboard.admin().password).expect(429);
    expect(limited.text).toContain('Too many sign-in attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await agent.get('/manage/t/default').expect(303);
  });

  it('counts attempts for another account separately', async () => {
    const other = await dashboard.harness().seedAdmin('second@example.com', ['default']);
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const token = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    await agent.post('/manage/login').type('form').send({ _csrf: token, email: other.email, password: other.password }).expect(303);
  });
});
