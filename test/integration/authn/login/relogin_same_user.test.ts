import { expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { SESSION_COOKIE } from '../../../../src/http/session.js';
import { describeEachStore } from '../../../support/stores.js';
import { useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, useBackchannelLogout } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');

/**
 * The same user logging in again in a browser that has a session (prompt=login, max_age) stays in
 * the same login session: the applications that signed in before keep a sid that names it, at
 * logout (logout_hint) and in the back-channel logout token, while the cookie's id still changes
 * (no session fixation).
 */
describeEachStore('a new login of the same user', (harness) => {
  const backchannel = useBackchannelLogout(harness, emulator);

  it.each<Record<string, string>>([{ prompt: 'login' }, { max_age: '0' }])('keeps the sid and the clients to notify, with a new cookie id, at %o', async (again) => {
    const { fitgate, receiver, background } = backchannel;
    const host = new URL(fitgate.tenantUrl).host;
    const browser = fitgate.browser();
    const first = await loginAtWebClient(fitgate, browser);
    const cookieBefore = browser.cookie(host, SESSION_COOKIE);
    const upstreamLogins = emulator().control.counters()['google-health'].authorizeRequests;

    const second = await loginAtWebClient(fitgate, browser, again);
    // It did go upstream: a login, not an answer from the session.
    expect(emulator().control.counters()['google-health'].authorizeRequests).toBe(upstreamLogins + 1);
    expect(second.sid).toBe(first.sid);
    expect(browser.cookie(host, SESSION_COOKIE)).not.toBe(cookieBefore);

    // The application that signed in first names the session by its sid: the browser is signed out.
    const logout = await browser.get(`${fitgate.tenantUrl}/oidc/logout?logout_hint=${first.sid}`);
    expect(logout.text).toContain('You are signed out');
    expect((await browser.get(fitgate.authorizeUrl({ prompt: 'none' }))).location?.searchParams.get('error')).toBe('login_required');

    await background.settled(10_000);
    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
    expect(decodeJwt(receiver.received[0]!.form.get('logout_token') ?? '')).toMatchObject({ sid: first.sid, sub: first.sub });
  });
});
