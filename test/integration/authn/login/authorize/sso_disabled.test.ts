import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * Auth0's `sso_disabled` client setting: the browser's fitgate session is not shared with that
 * client, so prompt=none answers login_required even for a signed-in user, while a client with
 * single sign-on still gets its code from the same session.
 */
describeEachStore('sso_disabled', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  async function setSsoDisabled(ssoDisabled: boolean): Promise<void> {
    const client = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    if (!client) throw new Error('the fixture has no web client');
    await fitgate.store.clients.update({ ...client, ssoDisabled });
  }

  it('answers prompt=none with login_required for a signed-in user when the client disables single sign-on', async () => {
    const browser = fitgate.browser();
    const signedIn = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(signedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();
    const upstreamCalls = fitgate.upstream.counters()['google-health'].authorizeRequests;

    await setSsoDisabled(true);
    try {
      const refused = await browser.get(fitgate.authorizeUrl({ prompt: 'none', state: 'silent' }));
      expect(refused.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
      expect(refused.location?.searchParams.get('error')).toBe('login_required');
      expect(refused.location?.searchParams.get('state')).toBe('silent');
      expect(refused.location?.searchParams.get('code')).toBeNull();
    } finally {
      await setSsoDisabled(false);
    }

    const silent = await browser.get(fitgate.authorizeUrl({ prompt: 'none', state: 'silent-again' }));
    expect(silent.location?.searchParams.get('code')).toBeTruthy();
    expect(fitgate.upstream.counters()['google-health'].authorizeRequests).toBe(upstreamCalls);
  });
});
