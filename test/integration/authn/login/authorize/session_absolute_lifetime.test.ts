import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { HOUR_MS } from '../../../../../src/domain/session_lifetimes.js';
import { SESSION_COOKIE } from '../../../../../src/http/session.js';
import { putStoredSession, readStoredSession, sessionIdOfCookie } from '../../../../support/authn/stored_session.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';
const realNow = Date.now;

/** Moves the clock fitgate reads (Date.now) `hours` ahead of the real one. */
function clockAhead(hours: number): void {
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + hours * HOUR_MS);
}

/**
 * The tenant's session_lifetime (Auth0's default, 168 hours) bounds single sign-on: a session used
 * every few hours, which its idle lifetime (72 hours) would keep forever, stops answering once its
 * sign-in is that old. Single sign-on and prompt=none then need a real login, and the session is
 * ended. A session stored before the lifetimes existed keeps answering until they say otherwise.
 */
describeEachStore('the absolute session lifetime', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const host = () => new URL(fitgate.tenantUrl).host;
  const upstreamAuthorizations = () => fitgate.upstream.counters()['google-health'].authorizeRequests;

  it('ends a session used every 50 hours once its sign-in is older than 168 hours: prompt=none and single sign-on need a real login', async () => {
    const browser = fitgate.browser();
    const signedIn = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(signedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();
    const sessionId = sessionIdOfCookie(browser.cookie(host(), SESSION_COOKIE)!);

    for (const hours of [50, 100, 150]) {
      clockAhead(hours);
      const answer = await browser.get(fitgate.authorizeUrl({ state: `at-${hours}` }));
      expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
      expect(answer.location?.searchParams.get('code')).toBeTruthy();
    }

    clockAhead(200);
    const silent = await browser.get(fitgate.authorizeUrl({ prompt: 'none', state: 'late' }));
    expect(silent.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(silent.location?.searchParams.get('error')).toBe('login_required');
    expect(silent.location?.searchParams.has('code')).toBe(false);
    expect(await readStoredSession(fitgate.store, sessionId)).toBeUndefined();

    const before = upstreamAuthorizations();
    const interactive = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'again' }));
    expect(interactive.location?.href.startsWith(CLIENT_CALLBACK)).toBe(false);
    jest.restoreAllMocks();
    const loggedIn = await browser.follow(interactive.location!, CLIENT_CALLBACK);
    expect(loggedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();
    expect(loggedIn.arrivedAt?.searchParams.get('state')).toBe('again');
    expect(upstreamAuthorizations()).toBe(before + 1);
  });

  it('keeps answering from a session stored before the lifetimes existed, and ends one whose sign-in is older than 168 hours', async () => {
    // Alice exists once she has logged in; the sessions below are stored as the previous version stored them.
    await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const secret = fitgate.deps.config.sessionSecrets[0]!;
    const now = Date.now();
    // Alice has existed longer than the sign-ins below: a sign-in older than its user is a deleted user's.
    const alice = await fitgate.store.users.get(fitgate.tenant, ALICE);
    await fitgate.store.users.update({ ...alice!, createdAt: new Date(now - 200 * HOUR_MS).toISOString() });
    // Then: 8 hours idle, no absolute limit. Last used an hour ago.
    const oldCookie = { originalMaxAge: 8 * HOUR_MS, expires: new Date(now + 7 * HOUR_MS) } as never;
    const stored = async (signedInHoursAgo: number) => {
      const id = randomBytes(16).toString('hex');
      const endUser = { tenant: fitgate.tenant, userId: ALICE, connection: 'fitbit', authTime: Math.floor((now - signedInHoursAgo * HOUR_MS) / 1000) };
      return { id, cookie: await putStoredSession(fitgate.store, id, secret, { cookie: oldCookie, endUser }) };
    };
    const silent = (cookie: string) =>
      request(fitgate.url).get(new URL(fitgate.authorizeUrl({ prompt: 'none' })).search.replace(/^/, '/authorize')).set('Host', host()).set('Cookie', cookie).redirects(0);

    const recent = await stored(2);
    const answered = await silent(recent.cookie);
    expect(new URL(answered.headers.location as string).searchParams.get('code')).toBeTruthy();
    expect(await readStoredSession(fitgate.store, recent.id)).toMatchObject({ endUser: { userId: ALICE } });

    const weekOld = await stored(169);
    const refused = await silent(weekOld.cookie);
    expect(new URL(refused.headers.location as string).searchParams.get('error')).toBe('login_required');
    expect(await readStoredSession(fitgate.store, weekOld.id)).toBeUndefined();
  });
});
