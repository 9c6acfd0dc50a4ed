import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../../src/dashboard/account/sign_in_limiter.js';
import type { LogEvent } from '../../../../src/domain/types.js';
import { csrfTokenOf, HOST, signedInAgent, submitForm, useSignedInDashboard, type SeededAdmin } from '../dashboard_harness.js';

/**
 * Dashboard sign-ins, failures, blocks and password changes are Auth0-coded log events (s, fp,
 * limit_wc, scp, fcp), kept in the logs of the tenants the admin manages and shown under Logs.
 */
describe('dashboard admin activity in the logs', () => {
  const dashboard = useSignedInDashboard();

  async function eventsFor(tenant: string, email: string): Promise<LogEvent[]> {
    const { items } = await dashboard.harness().store.logs.list(tenant, { page: 0, perPage: 100 });
    return items.filter((event) => event.userName === email);
  }

  async function attemptSignIn(email: string, password: string) {
    const agent = request.agent(dashboard.harness().app).host(HOST).set('User-Agent', 'activity-test');
    const _csrf = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    return agent.post('/manage/login').type('form').send({ _csrf, email, password });
  }

  it('records a sign-in as `s` in each tenant the admin manages, with address and user agent, and shows it under Logs', async () => {
    const admin = await dashboard.harness().seedAdmin('two-tenants@example.com', ['default', 'acme']);
    expect((await attemptSignIn(admin.email, admin.password)).status).toBe(303);
    for (const tenant of ['default', 'acme']) {
      const [event] = await eventsFor(tenant, admin.email);
      expect(event).toMatchObject({
        type: 's',
        description: 'Dashboard sign-in',
        userAgent: 'activity-test',
        ip: expect.any(String),
        details: { request: { channel: 'dashboard' } },
      });
      expect(event?.userId).toBeUndefined();
    }
    const logs = await dashboard.agent().get('/manage/t/default/logs?type=s').expect(200);
    expect(logs.text).toContain('Dashboard sign-in');
    expect(logs.text).toContain(admin.email);
  });

  it('records a wrong password as `fp` in the admin\'s tenants only, not the tenant whose host served the form, never the password', async () => {
    const admin = await dashboard.harness().seedAdmin('acme-only@example.com', ['acme']);
    expect((await attemptSignIn(admin.email, 'a guessed password')).status).toBe(401);
    const events = await eventsFor('acme', admin.email);
    expect(events).toEqual([
      expect.objectContaining({ type: 'fp', description: 'Dashboard sign-in failed: wrong password', details: { request: { channel: 'dashboard' } } }),
    ]);
    expect(JSON.stringify(events)).not.toContain('a guessed password');
    expect(await eventsFor('default', admin.email)).toEqual([]);
  });

  it('records an unknown email\'s failure in no tenant\'s log', async () => {
    expect((await attemptSignIn('nobody@example.com', 'whatever it is')).status).toBe(401);
    for (const tenant of ['default', 'acme']) expect(await eventsFor(tenant, 'nobody@example.com')).toEqual([]);
  });

  it('records the block once as `limit_wc`, not at every refused attempt', async () => {
    const admin = await dashboard.harness().seedAdmin('blocked@example.com', ['default']);
    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAccount; i += 1) expect((await attemptSignIn(admin.email, `wrong ${i}`)).status).toBe(401);
    for (let i = 0; i < 3; i += 1) expect((await attemptSignIn(admin.email, admin.password)).status).toBe(429);
    const types = (await eventsFor('default', admin.email)).map((event) => event.type);
    expect(types.filter((type) => type === 'limit_wc')).toHaveLength(1);
    expect(types.filter((type) => type === 'fp')).toHaveLength(DEFAULT_SIGN_IN_LIMITS.perAccount);
  });

  it('records a password change as `scp` and a wrong current password as `fcp`', async () => {
    const admin: SeededAdmin = await dashboard.harness().seedAdmin('changer@example.com', ['default']);
    const agent = await signedInAgent(dashboard.harness().app, admin);
    const form = (current: string) => ({ current_password: current, password: 'the changed password', confirm: 'the changed password' });
    expect((await submitForm(agent, '/manage/account', '/manage/account', form('not it'))).status).toBe(400);
    expect((await submitForm(agent, '/manage/account', '/manage/account', form(admin.password))).status).toBe(303);
    const types = (await eventsFor('default', admin.email)).map((event) => event.type);
    expect(types).toEqual(['scp', 'fcp', 's']);
    expect(JSON.stringify(await eventsFor('default', admin.email))).not.toContain('the changed password');
  });
});
