import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { hashPassword } from '../../../../src/domain/passwords.js';
import { buildTenant } from '../../../../src/domain/tenants.js';
import { DASHBOARD_SESSION_COOKIE, SESSION_COOKIE } from '../../../../src/http/session.js';
import { openSqliteTestStore, type TestStore } from '../../../support/stores.js';
import { Browser } from '../../../support/authn/browser.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { csrfTokenOf } from '../dashboard_harness.js';

const ADMIN = { email: 'owner@example.com', password: 'the admin password of this tenant' };

function setCookies(response: request.Response): string[] {
  return ([] as string[]).concat(response.headers['set-cookie'] ?? []);
}

/**
 * The dashboard and the end users of a tenant use the same host but never the same session: an end
 * user's login (which renews its session id) and logout (which destroys it) leave the admin signed in.
 */
describe('the dashboard session is its own', () => {
  let testStore: TestStore;
  let fitgate: FrontChannel;
  let host: string;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    fitgate = await startFrontChannel({ store: testStore.store, upstream: { kind: 'sandbox' } });
    host = new URL(fitgate.tenantUrl).host;
    await testStore.store.admins.create({ ...ADMIN, passwordHash: await hashPassword(ADMIN.password), tenants: [fitgate.tenant], createdAt: new Date().toISOString() });
  });
  afterAll(async () => {
    await fitgate?.close();
    await testStore?.cleanup();
  });

  /** Signs the admin in at the tenant's host; returns the dashboard cookie's Set-Cookie line. */
  async function signInAdmin(): Promise<string> {
    const agent = request.agent(fitgate.url).host(host);
    const _csrf = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
    const signedIn = await agent.post('/manage/login').type('form').send({ _csrf, ...ADMIN }).expect(303);
    const line = setCookies(signedIn).find((cookie) => cookie.startsWith(`${DASHBOARD_SESSION_COOKIE}=`));
    if (!line) throw new Error(`no ${DASHBOARD_SESSION_COOKIE} cookie at sign-in: ${JSON.stringify(setCookies(signedIn))}`);
    return line;
  }

  /** Whether the browser's cookies open a dashboard page at `at` (200), rather than sending it to sign in. */
  async function dashboardOpens(browser: Browser, at = host): Promise<boolean> {
    const cookie = [SESSION_COOKIE, DASHBOARD_SESSION_COOKIE]
      .map((name) => [name, browser.cookie(host, name)] as const)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const response = await request(fitgate.url).get(`/manage/t/${fitgate.tenant}`).set('Host', at).set('Cookie', cookie);
    return response.status === 200;
  }

  it('is fitgate.manage.sid, sent only to /manage, HttpOnly and SameSite=Lax', async () => {
    const attributes = (await signInAdmin()).split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/manage', 'httponly', 'samesite=lax']));
    expect(attributes.some((attribute) => attribute.startsWith('domain='))).toBe(false);
  });

  it('keeps the admin signed in through an end user\'s login and logout in the same browser, on the same host', async () => {
    const [pair = ''] = (await signInAdmin()).split(';');
    const separator = pair.indexOf('=');
    const browser = new Browser(fitgate.url, new Set([host]), new Map([[host, new Map([[pair.slice(0, separator), pair.slice(separator + 1)]])]]));
    expect(await dashboardOpens(browser)).toBe(true);

    fitgate.upstream.setAutoConsent({ user: 'carol', decision: 'approve' });
    try {
      const { arrivedAt } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
      expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
    } finally {
      fitgate.upstream.setAutoConsent(undefined);
    }
    expect(browser.cookie(host, SESSION_COOKIE)).toBeDefined();
    expect(await dashboardOpens(browser)).toBe(true);

    const silent = await browser.get(fitgate.authorizeUrl({ prompt: 'none' }));
    expect(silent.location?.searchParams.get('code')).toBeTruthy();
    expect(await dashboardOpens(browser)).toBe(true);

    await browser.get(`${fitgate.tenantUrl}/v2/logout`);
    expect(await dashboardOpens(browser)).toBe(true);
  });

  it('refuses a dashboard session at another tenant\'s host, as if signed out, and keeps it good where it was issued', async () => {
    const [cookie = ''] = (await signInAdmin()).split(';');
    const other = `other${fitgate.tenant}`;
    await testStore.store.admins.update({ ...(await testStore.store.admins.get(ADMIN.email))!, tenants: [fitgate.tenant, other] });
    await testStore.store.tenants.create(await buildTenant(other, fitgate.deps.sealer));
    const otherHost = `${other}.localhost:3000`;

    const elsewhere = await request(fitgate.url).get(`/manage/t/${other}`).set('Host', otherHost).set('Cookie', cookie).expect(303);
    expect(elsewhere.headers.location).toBe(`/manage/login?next=${encodeURIComponent(`/manage/t/${other}`)}`);
    await request(fitgate.url).get(`/manage/t/${other}`).set('Host', host).set('Cookie', cookie).expect(200);
  });
});
