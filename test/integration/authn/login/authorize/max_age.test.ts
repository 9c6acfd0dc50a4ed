import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * OpenID Connect Core §3.1.2.1 max_age with prompt=none: the session answers only when its sign-in
 * is recent enough; otherwise login_required, and the client starts an interactive login.
 */
describeEachStore('max_age', (harness) => {
  let fitgate: FrontChannel;
  let browser: ReturnType<FrontChannel['browser']>;
  let signedInAt: number;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    browser = fitgate.browser();
    const { arrivedAt } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
    // Read after the login: its sign-in time is this second or an earlier one, never a later one.
    signedInAt = Math.floor(Date.now() / 1000);
  });
  afterAll(() => fitgate.close());

  it('answers prompt=none from a session signed in within max_age', async () => {
    const silent = await browser.get(fitgate.authorizeUrl({ prompt: 'none', max_age: '3600', state: 'fresh' }));
    expect(silent.location?.searchParams.get('code')).toBeTruthy();
    expect(silent.location?.searchParams.get('state')).toBe('fresh');
  });

  it('answers prompt=none with login_required when the sign-in is older than max_age', async () => {
    // max_age=0 (OpenID Connect: the user must sign in at this request) is older for any session
    // once the clock has moved on a second; wait for that second rather than guess at it.
    await new Promise<void>((resolve) => {
      const wait = () => (Math.floor(Date.now() / 1000) > signedInAt ? resolve() : setTimeout(wait, 50));
      wait();
    });
    const stale = await browser.get(fitgate.authorizeUrl({ prompt: 'none', max_age: '0', state: 'stale' }));
    expect(stale.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(stale.location?.searchParams.get('error')).toBe('login_required');
    expect(stale.location?.searchParams.get('state')).toBe('stale');
    expect(stale.location?.searchParams.has('code')).toBe(false);
  });
});
