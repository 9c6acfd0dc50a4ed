import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfTokenOf, HOST, startDashboardHarness, type DashboardHarness } from '../dashboard/dashboard_harness.js';
import { describeEachStore } from '../../support/stores.js';

const OLD = randomBytes(32).toString('hex');
const NEW = randomBytes(32).toString('hex');
const MASTER_KEY = randomBytes(32).toString('base64');

/** The cookies a response sets, as a Cookie header. */
function cookiesOf(response: request.Response): string {
  const lines = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return lines.map((line) => line.split(';')[0]).join('; ');
}

describeEachStore('dropping an old session secret', (h) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-session-secrets-'));
  const instances: DashboardHarness[] = [];
  /** An instance on the shared store configured with these session secrets, as after a restart. */
  const instance = async (secrets: string) => {
    const harness = await startDashboardHarness({
      shared: { store: h.store(), dataDir },
      environment: { FITGATE_MASTER_KEY: MASTER_KEY, FITGATE_SESSION_SECRETS: secrets },
    });
    instances.push(harness);
    return harness;
  };
  let cookie = '';
  let csrf = '';
  let overview = '';

  beforeAll(async () => {
    const before = await instance(OLD);
    const admin = await before.seedAdmin(`rotation-${randomBytes(4).toString('hex')}@example.com`, ['default']);
    const form = await request(before.app).get('/manage/login').set('Host', HOST).expect(200);
    const signedIn = await request(before.app)
      .post('/manage/login')
      .set('Host', HOST)
      .set('Cookie', cookiesOf(form))
      .type('form')
      .send({ _csrf: csrfTokenOf(form.text), email: admin.email, password: admin.password })
      .expect(303);
    cookie = cookiesOf(signedIn);
    overview = '/manage/t/default/';
    const page = await request(before.app).get(overview).set('Host', HOST).set('Cookie', cookie).expect(200);
    csrf = csrfTokenOf(page.text);
  });
  afterAll(async () => {
    for (const harness of instances) await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the admin signed in while the old secret is still listed after the new one', async () => {
    const rotated = await instance(`${NEW},${OLD}`);
    await request(rotated.app).get(overview).set('Host', HOST).set('Cookie', cookie).expect(200);
  });

  it('signs the admin out once it is removed: the sign-in page, no error', async () => {
    const retired = await instance(NEW);
    const page = await request(retired.app).get(overview).set('Host', HOST).set('Cookie', cookie);
    expect(page.status).toBeLessThan(400);
    expect(page.headers.location).toMatch(/\/manage\/login/);
  });

  it('answers a form sent with the old cookie as an expired form, not a server error', async () => {
    const retired = await instance(NEW);
    const response = await request(retired.app)
      .post('/manage/logout')
      .set('Host', HOST)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf });
    expect(response.status).toBeLessThan(500);
    expect(response.text).not.toMatch(/at .*\.js:\d+/);
  });
});
