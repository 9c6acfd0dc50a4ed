import { expect, it } from '@jest/globals';
import request from 'supertest';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { DASHBOARD_SESSION_COOKIE } from '../../../src/http/session.js';
import { keysWithPrefix } from '../../support/redis.js';
import { describeEachStore, type StoreHarness } from '../../support/stores.js';
import { csrfTokenOf, HOST, useDashboardOnStore } from './dashboard_harness.js';

const VISITS = 25;

/** The sessions the store holds: rows of the embedded store's table, or Redis keys under `<prefix>sess:`. */
async function storedSessions(stores: StoreHarness): Promise<number> {
  const store = stores.store();
  if (store instanceof SqliteStore) {
    const row = store.shortLivedDb.prepare('SELECT COUNT(*) AS n FROM sessions WHERE expires_at > ?').get(Date.now()) as { n: number };
    return row.n;
  }
  return (await keysWithPrefix(`${stores.testStore().location}sess:`)).length;
}

/**
 * A visitor without a cookie gets a stored session only from a page with a form, whose CSRF token
 * must be kept: 404s, redirects to sign-in and refused posts store nothing, so a flood of them cannot
 * fill the session store.
 */
describeEachStore('sessions of visitors without a cookie', (stores) => {
  const harness = useDashboardOnStore(stores);
  const anonymous = () => request(harness().app);

  it(`stores none for ${VISITS} dashboard addresses that redirect to sign-in, 404s and refused posts`, async () => {
    const before = await storedSessions(stores);
    for (let i = 0; i < VISITS; i += 1) {
      const redirected = await anonymous().get(`/manage/nonexistent-${i}`).set('Host', HOST).expect(303);
      expect(redirected.headers.location).toMatch(/^\/manage\/login\?next=/);
      expect(redirected.headers['set-cookie']).toBeUndefined();
      await anonymous().get('/manage/t/default/applications').set('Host', HOST).expect(303);
      const missing = await anonymous().get(`/manage/set-password/no-such-link-${i}`).set('Host', HOST).set('Accept', 'text/html').expect(404);
      expect(missing.headers['set-cookie']).toBeUndefined();
      await anonymous().get(`/manage/try/callback?state=unknown-${i}&code=x`).set('Host', HOST).expect(400);
      await anonymous().post('/manage/login').set('Host', HOST).type('form').send({ email: 'a@example.com', password: 'guess' }).expect(403);
    }
    expect(await storedSessions(stores)).toBe(before);
  });

  it('stores one for the sign-in page, whose form then signs in with its CSRF token', async () => {
    const admin = await harness().seedAdmin(`anonymous-${stores.kind}@example.com`, ['default']);
    const before = await storedSessions(stores);
    const browser = request.agent(harness().app).host(HOST);
    const form = await browser.get('/manage/login').expect(200);
    expect(await storedSessions(stores)).toBe(before + 1);
    // A visitor's session lasts as long as filling in the form takes, not the 8 idle hours.
    expect(cookieLifetimeMs(form.headers['set-cookie'])).toBeLessThanOrEqual(30 * 60 * 1000);

    const signedIn = await browser.post('/manage/login').type('form').send({ _csrf: csrfTokenOf(form.text), email: admin.email, password: admin.password }).expect(303);
    expect(cookieLifetimeMs(signedIn.headers['set-cookie'])).toBeGreaterThan(7 * 60 * 60 * 1000);
    const page = await browser.get('/manage/t/default').expect(200);
    expect(csrfTokenOf(page.text)).toBeTruthy();
    // Sign-in replaced the session it started from (a new id), so still one.
    expect(await storedSessions(stores)).toBe(before + 1);
  });

  it('still refuses a post carrying a token that no stored session holds', async () => {
    const browser = request.agent(harness().app).host(HOST);
    const token = csrfTokenOf((await browser.get('/manage/login').expect(200)).text);
    const stranger = await anonymous().post('/manage/login').set('Host', HOST).type('form').send({ _csrf: token, email: 'a@example.com', password: 'guess' });
    expect(stranger.status).toBe(403);
    expect(stranger.text).toContain('This form has expired');
  });
});

/** Milliseconds until the dashboard session cookie set by an answer expires. */
function cookieLifetimeMs(setCookie: string | string[] | undefined): number {
  const cookie = [setCookie ?? []].flat().find((line) => line.startsWith(`${DASHBOARD_SESSION_COOKIE}=`));
  const expires = /Expires=([^;]+)/.exec(cookie ?? '')?.[1];
  if (!expires) throw new Error(`no dashboard session cookie with an expiry in ${String(setCookie)}`);
  return Date.parse(expires) - Date.now();
}
