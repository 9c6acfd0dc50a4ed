import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { PENDING_LOGIN_COOKIE_PREFIX, pendingLoginCookieName } from '../../../../src/authn/login/pending_login_cookie.js';
import { SESSION_COOKIE } from '../../../../src/http/session.js';
import { describeEachStore } from '../../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

describeEachStore('the browser binding of a login in flight', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it("is a cookie of its own at a first visit's /authorize: HttpOnly, SameSite=Lax, no session yet", async () => {
    const browser = fitgate.browser();
    const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    expect(toUpstream.status).toBe(302);
    const setCookies = ([] as string[]).concat(toUpstream.headers['set-cookie'] ?? []);
    const state = toUpstream.location?.searchParams.get('state') ?? '';
    const bindings = setCookies.filter((line) => line.startsWith(PENDING_LOGIN_COOKIE_PREFIX));
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatch(/HttpOnly/i);
    expect(bindings[0]).toMatch(/SameSite=Lax/i);
    expect(bindings[0]).toMatch(/Path=\//);
    expect(bindings[0]).toMatch(/Max-Age=600/);
    expect(bindings[0]?.startsWith(`${pendingLoginCookieName(state)}=${state}.`)).toBe(true);
    expect(setCookies.some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it('lets one browser finish logins started in two tabs, each once, and then holds none', async () => {
    const browser = fitgate.browser();
    const host = new URL(fitgate.authorizeUrl({ connection: 'fitbit' })).host;
    const first = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    const second = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    const states = [first, second].map((tab) => tab.location?.searchParams.get('state') ?? '');
    const binding = (at: number) => browser.cookie(host, pendingLoginCookieName(states[at]!))?.split('.')[0] ?? '';
    expect([binding(0), binding(1)]).toEqual(states);

    const callbacks = [];
    for (const tab of [first, second]) callbacks.push((await browser.get(tab.location!)).location!);
    expect((await browser.get(callbacks[1]!)).status).toBe(302);
    expect([binding(0), binding(1)]).toEqual([states[0], '']);
    expect((await browser.get(callbacks[0]!)).status).toBe(302);
    expect([binding(0), binding(1)]).toEqual(['', '']);
    expect((await browser.get(callbacks[0]!)).status).toBe(400);
  });
});
