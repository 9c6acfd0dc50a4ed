import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../../src/dashboard/account/sign_in_limiter.js';
import { csrfTokenOf, HOST, signedInAgent, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The dashboard is one door for every tenant: /manage/login on the default tenant's host serves the
 * admins of all of them. A failed sign-in, and the block it leads to, are kept in the logs of the
 * tenants the admin named manages, as Auth0's "Failed Login (Incorrect Password)" (`fp`) and
 * "Blocked Account" (`limit_wc`); the default tenant's admins, reading their Logs, never see another
 * tenant's admin mistyping a password, nor the emails that are nobody's.
 */
describe("failed dashboard sign-ins in the tenants' logs", () => {
  const dashboard = useSignedInDashboard();

  async function attemptSignIn(email: string, password: string): Promise<number> {
    const agent = request.agent(dashboard.harness().app).host(HOST);
    const _csrf = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    return (await agent.post('/manage/login').type('form').send({ _csrf, email, password })).status;
  }

  it("keeps another tenant's admin's failures and block out of the default tenant's Logs, and in their own tenant's", async () => {
    const other = await dashboard.harness().seedAdmin('globex-admin@example.com', ['globex']);
    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAccount; i += 1) expect(await attemptSignIn(other.email, `wrong ${i}`)).toBe(401);
    expect(await attemptSignIn(other.email, other.password)).toBe(429);
    expect(await attemptSignIn('nobody-at-all@example.com', 'whatever it is')).toBe(401);

    const defaultLogs = (await dashboard.agent().get('/manage/t/default/logs').expect(200)).text;
    expect(defaultLogs).toContain('Dashboard sign-in');
    expect(defaultLogs).not.toContain(other.email);
    expect(defaultLogs).not.toContain('nobody-at-all@example.com');
    expect(defaultLogs).not.toContain('Dashboard sign-in failed');

    const own = await signedInAgent(dashboard.harness().app, await dashboard.harness().seedAdmin('globex-owner@example.com', ['globex']));
    const globexLogs = (await own.get('/manage/t/globex/logs').expect(200)).text;
    expect(globexLogs).toContain('<abbr title="Failed Login (Incorrect Password)">fp</abbr>');
    expect(globexLogs).toContain('Dashboard sign-in failed: wrong password');
    expect(globexLogs).toContain('<abbr title="Blocked Account (too many attempts)">limit_wc</abbr>');
    expect(globexLogs).not.toContain('nobody-at-all@example.com');
  });
});
