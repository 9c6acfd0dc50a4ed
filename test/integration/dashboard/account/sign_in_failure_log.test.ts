import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../../src/dashboard/account/sign_in_limiter.js';
import { createLogger } from '../../../../src/logging/index.js';
import { captureLogLines, linesWithEvent, WARN } from '../../../support/log_capture.js';
import { csrfTokenOf, HOST, startDashboardHarness, type DashboardHarness, type SeededAdmin } from '../dashboard_harness.js';

/**
 * A failed dashboard sign-in leaves one warning in the process log (stdout), for the operator's
 * fail2ban or SIEM: the tenant whose host was used, the email as typed (trimmed, bounded), the
 * address and why; never the password. The request lines are logged too (level info), so the test
 * sees everything the process wrote.
 */
describe('failed dashboard sign-ins in the process log', () => {
  const log = captureLogLines();
  let harness: DashboardHarness;
  let admin: SeededAdmin;
  beforeAll(async () => {
    harness = await startDashboardHarness({ logger: createLogger({ level: 'info', destination: log.destination }) });
    admin = await harness.seedAdmin('owner@example.com', ['default']);
  });
  afterAll(() => harness.close());

  const failures = () => linesWithEvent(log.lines, 'admin_sign_in_failed');

  async function attempt(email: string, password: string): Promise<number> {
    const agent = request.agent(harness.app).host(HOST);
    const form = await agent.get('/manage/login').expect(200);
    const answer = await agent.post('/manage/login').type('form').send({ _csrf: csrfTokenOf(form.text), email, password });
    return answer.status;
  }

  it('logs a wrong password with tenant, the email as typed and the address, and never the password', async () => {
    const before = failures().length;
    const password = 'not-the-password-5e2f81';
    expect(await attempt(`  ${admin.email.toUpperCase()} `, password)).toBe(401);
    const logged = failures().slice(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: WARN,
      msg: 'dashboard sign-in failed',
      tenant: 'default',
      email: admin.email,
      ip: expect.stringContaining('127.0.0.1'),
      reason: 'wrong_credentials',
    });
    expect(log.lines.join('\n')).not.toContain(password);
  });

  it('logs an email that is no admin alike, bounded to the longest address', async () => {
    const before = failures().length;
    expect(await attempt(`${'a'.repeat(400)}@example.com`, 'whatever it is')).toBe(401);
    const logged = failures().slice(before);
    expect(logged).toHaveLength(1);
    expect(Array.from(String(logged[0]?.email))).toHaveLength(254);
    expect(logged[0]).toMatchObject({ reason: 'wrong_credentials' });
  });

  it('logs each attempt a limit refuses, naming the limit, and never the right password it carried', async () => {
    const locked = await harness.seedAdmin('locked@example.com', ['default']);
    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAccount; i += 1) expect(await attempt(locked.email, `wrong ${i}`)).toBe(401);
    const before = failures().length;
    expect(await attempt(locked.email, locked.password)).toBe(429);
    expect(failures().slice(before)).toEqual([expect.objectContaining({ level: WARN, email: locked.email, reason: 'rate_limited', limit: 'account' })]);
    expect(log.lines.join('\n')).not.toContain(locked.password);
  });

  it('logs nothing for a sign-in that succeeds', async () => {
    const before = failures().length;
    expect(await attempt(admin.email, admin.password)).toBe(303);
    expect(failures().slice(before)).toEqual([]);
  });
});
