import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { approveUrl, denyUrl, googleLogin } from '../../../../support/emulator.js';
import { describeEachStore } from '../../../../support/stores.js';

// No automatic consent: each Google page is answered by the test, as the user would.
const emulator = useEmulator();

/**
 * A login sent back to Google for a refresh token (sent_back_for_refresh_token.test.ts) shows the
 * user Google's consent page again. One who declines it there ends the login as any refusal at the
 * upstream does: access_denied, with the client's state, at the client's redirect_uri, and nobody
 * signed in or recorded.
 */
describeEachStore('a user who declines the consent a login was sent back for', (harness) => {
  let fitgate: FrontChannel;

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it('gets access_denied at the application, with its state, and is not recorded', async () => {
    // Carol consented to this Google client before: Google sends her no refresh token unless asked to consent again.
    await googleLogin(emulator().url, { user: 'carol' });
    const browser = fitgate.browser();

    const toGoogle = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'client-st' }));
    const back = await browser.get(approveUrl(toGoogle.location!.href, { user: 'carol' }));
    expect(back.location?.pathname).toBe('/login/callback');
    const sentBack = await browser.get(back.location!);
    expect(sentBack.status).toBe(302);
    expect(sentBack.location?.pathname).toMatch(/\/accounts\.google\.com\/o\/oauth2\/v2\/auth$/);
    expect(sentBack.location?.searchParams.get('prompt')).toBe('consent');

    const { arrivedAt } = await browser.follow(denyUrl(sentBack.location!.href, 'carol'), CLIENT_CALLBACK);

    expect(arrivedAt?.searchParams.get('error')).toBe('access_denied');
    expect(arrivedAt?.searchParams.get('state')).toBe('client-st');
    expect(arrivedAt?.searchParams.get('code')).toBeNull();
    expect(await fitgate.store.users.count(fitgate.tenant)).toBe(0);
  });
});
