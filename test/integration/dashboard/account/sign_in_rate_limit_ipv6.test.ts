import { describe, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../../src/dashboard/account/sign_in_limiter.js';
import { csrfTokenOf, HOST, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * An IPv6 client is counted by its /64, the block one subscriber is handed: stepping through its
 * addresses does not buy more guesses at a password. (Behind a proxy, so the addresses can be set.)
 */
describe('sign-in rate limit over IPv6', () => {
  const dashboard = useSignedInDashboard({ environment: { FITGATE_TRUST_PROXY: 'loopback' } });

  it(`refuses the account after ${DEFAULT_SIGN_IN_LIMITS.perAccount} attempts from one /64, whatever its addresses, and not from another /64`, async () => {
    const admin = await dashboard.harness().seedAdmin('v6@example.com', ['default']);
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const token = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    const attempt = (from: string, password: string) =>
      agent.post('/manage/login').set('X-Forwarded-For', from).type('form').send({ _csrf: token, email: admin.email, password });

    for (let i = 1; i <= DEFAULT_SIGN_IN_LIMITS.perAccount; i += 1) await attempt(`2001:db8:0:1::${i.toString(16)}`, `wrong ${i}`).expect(401);
    await attempt('2001:db8:0:1:ffff:ffff:ffff:ffff', admin.password).expect(429);
    await attempt('2001:db8:0:2::1', admin.password).expect(303);
  });
});
