import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createLogger } from '../../../../src/logging/index.js';
import { captureLogLines } from '../../../support/log_capture.js';
import { csrfTokenOf, startDashboardHarness, type DashboardHarness } from '../dashboard_harness.js';

const HOST = 'id.example.com';
const NOT_WORKING = 'Signing in cannot work on this connection';

/**
 * An https public URL behind a proxy fitgate does not trust (or one that sends no X-Forwarded-Proto):
 * no Secure session cookie can be issued, so every sign-in would fail its CSRF check. The sign-in
 * page says what is wrong instead of "This form has expired", and one warning says what to fix.
 */
describe('signing in to an https fitgate reached as plain http', () => {
  const harnesses: DashboardHarness[] = [];
  const start = async (environment: Record<string, string>) => {
    const log = captureLogLines();
    const harness = await startDashboardHarness({
      environment: { FITGATE_PUBLIC_URL: `https://${HOST}`, ...environment },
      logger: createLogger({ level: 'warn', destination: log.destination }),
    });
    harnesses.push(harness);
    const admin = await harness.seedAdmin('owner@example.com', ['default']);
    const warnings = () =>
      log.lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.msg.startsWith('session cookie not issued'));
    return { harness, admin, warnings };
  };
  afterAll(async () => {
    await Promise.all(harnesses.map((harness) => harness.close()));
  });

  it('says on the page and on the refused form what is wrong, and logs one warning naming what to fix', async () => {
    const { harness, admin, warnings } = await start({});
    const agent = request.agent(harness.app).host(HOST);
    const page = await agent.get('/manage/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.text).toContain(NOT_WORKING);
    expect(page.text).toContain('FITGATE_TRUST_PROXY');

    const refused = await agent
      .post('/manage/login')
      .set('X-Forwarded-Proto', 'https')
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), email: admin.email, password: admin.password });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(NOT_WORKING);
    expect(refused.text).not.toContain('This form has expired');

    // Two requests, one warning: at most one a minute.
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ level: 40 });
    expect(warnings()[0]?.msg).toMatch(/FITGATE_PUBLIC_URL is https.*set FITGATE_TRUST_PROXY.*X-Forwarded-Proto: https/);
  });

  it('names the missing X-Forwarded-Proto when the proxy is trusted but does not send it', async () => {
    const { harness, warnings } = await start({ FITGATE_TRUST_PROXY: 'loopback' });
    const page = await request(harness.app).get('/manage/login').set('Host', HOST).expect(200);
    expect(page.text).toContain(NOT_WORKING);
    expect(warnings()[0]?.msg).toContain('sent no X-Forwarded-Proto');
  });

  it('signs in as usual behind a trusted proxy that says https, without a warning', async () => {
    const { harness, admin, warnings } = await start({ FITGATE_TRUST_PROXY: 'loopback' });
    const agent = request.agent(harness.app).host(HOST);
    const page = await agent.get('/manage/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(page.text).not.toContain(NOT_WORKING);
    // supertest's cookie jar keeps a Secure cookie only for https: send it back by hand.
    const cookie = String(page.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^fitgate\.manage\.sid=/);
    await request(harness.app)
      .post('/manage/login')
      .set('Host', HOST)
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), email: admin.email, password: admin.password })
      .expect(303);
    expect(warnings()).toEqual([]);
  });
});
