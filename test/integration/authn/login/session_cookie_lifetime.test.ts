import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import { changeSessionLifetimes } from '../../../../src/domain/session_lifetime_changes.js';
import { HOUR_MS } from '../../../../src/domain/session_lifetimes.js';
import { SESSION_COOKIE } from '../../../../src/http/session.js';
import type { BrowserResponse } from '../../../support/authn/browser.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');
const MINUTE_MS = 60_000;
const realNow = Date.now;

/** Moves the clock fitgate reads (Date.now) `minutes` ahead of the real one. */
function clockAhead(minutes: number): void {
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + minutes * MINUTE_MS);
}

/** When the response's fitgate.sid cookie expires (express-session writes Expires), in ms. */
function cookieExpiry(response: BrowserResponse): number {
  const lines = ([] as string[]).concat((response.headers['set-cookie'] as unknown as string[] | string | undefined) ?? []);
  const line = lines.find((candidate) => candidate.startsWith(`${SESSION_COOKIE}=`));
  const expires = line?.match(/Expires=([^;]+)/)?.[1];
  if (!expires) throw new Error(`no ${SESSION_COOKIE} cookie with an expiry in ${JSON.stringify(lines)}`);
  return Date.parse(expires);
}

/** One write or renewal of the session, with the cookie's expiry (Expires has whole seconds: within one). */
function expectOneStoredExpiry(given: number[], cookieExpires: number): void {
  expect(given).toHaveLength(1);
  expect(Math.abs(given[0]! - cookieExpires)).toBeLessThan(1_000);
}

/**
 * The session cookie, and the session as stored, expire after the tenant's idle_session_lifetime,
 * renewed at each use, and never after its session_lifetime from the sign-in.
 */
describeEachStore('the session cookie and the tenant lifetimes', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    // 30 minutes idle, an hour in all.
    await changeSessionLifetimes(fitgate.store.tenants, fitgate.tenant, { idleHours: 0.5, absoluteHours: 1 });
  });
  afterAll(() => fitgate.close());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /**
   * The expiry fitgate hands the session store with each write or renewal of the session (express-
   * session's set and touch): each store forgets a session at the expiry it was last given
   * (test/integration/store/sessions.test.ts).
   */
  function storedExpiries(): () => number[] {
    const sessions = fitgate.store.sessionStore();
    const given: number[] = [];
    const record = (data: { cookie: { expires?: Date | string | null } }) => given.push(new Date(data.cookie.expires!).getTime());
    const set = sessions.set.bind(sessions);
    const touch = sessions.touch!.bind(sessions);
    jest.spyOn(sessions, 'set').mockImplementation((sid, data, callback) => {
      record(data);
      set(sid, data, callback);
    });
    jest.spyOn(sessions, 'touch').mockImplementation((sid, data, callback) => {
      record(data);
      touch(sid, data, callback);
    });
    return () => given.splice(0);
  }

  it('expires the cookie and the stored session after the idle lifetime, from each use, and at the absolute end once that comes first', async () => {
    const browser = fitgate.browser();
    const signedInAt = Date.now();
    const signedIn = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(signedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();
    const stored = storedExpiries();

    const fresh = await browser.get(fitgate.authorizeUrl());
    expect(fresh.location?.searchParams.get('code')).toBeTruthy();
    // Expires has whole seconds.
    expect(cookieExpiry(fresh) - Date.now()).toBeGreaterThan(30 * MINUTE_MS - 5_000);
    expect(cookieExpiry(fresh) - Date.now()).toBeLessThanOrEqual(30 * MINUTE_MS);
    expectOneStoredExpiry(stored(), cookieExpiry(fresh));

    clockAhead(25);
    const renewed = await browser.get(fitgate.authorizeUrl());
    expect(renewed.location?.searchParams.get('code')).toBeTruthy();
    expect(cookieExpiry(renewed) - Date.now()).toBeGreaterThan(30 * MINUTE_MS - 5_000);
    expect(cookieExpiry(renewed) - Date.now()).toBeLessThanOrEqual(30 * MINUTE_MS);
    expectOneStoredExpiry(stored(), cookieExpiry(renewed));

    clockAhead(50);
    const capped = await browser.get(fitgate.authorizeUrl());
    expect(capped.location?.searchParams.get('code')).toBeTruthy();
    // Thirty minutes of idle lifetime would outlive the hour since the sign-in by twenty: the hour wins.
    expect(cookieExpiry(capped)).toBeLessThanOrEqual(signedInAt + HOUR_MS + 1_000);
    expect(cookieExpiry(capped)).toBeGreaterThan(signedInAt + HOUR_MS - 5_000);
    expectOneStoredExpiry(stored(), cookieExpiry(capped));
  });

  it('sets the cookie of a new login, and its stored session, to the idle lifetime', async () => {
    const browser = fitgate.browser();
    const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    const callback = await browser.get(toUpstream.location!);
    const stored = storedExpiries();
    const signedIn = await browser.get(callback.location!);
    expect(signedIn.location?.searchParams.get('code')).toBeTruthy();
    expect(cookieExpiry(signedIn) - Date.now()).toBeGreaterThan(30 * MINUTE_MS - 5_000);
    expect(cookieExpiry(signedIn) - Date.now()).toBeLessThanOrEqual(30 * MINUTE_MS);
    expectOneStoredExpiry(stored(), cookieExpiry(signedIn));
  });
});
