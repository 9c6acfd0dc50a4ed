import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { addThirdPartyApp, answerConsent, consentFormOf } from '../../../../support/authn/third_party_app.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A refresh token an application got while it was first-party was issued under no consent. Once the
 * application is third-party, the person's consent is what its tokens stand on, so that token counts
 * only for what the person has allowed: accepting less than it carries (here `openid` alone), before
 * or after, must not bring back its profile, email and offline access.
 */
describeEachStore('a refresh token from before the application was third-party', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  const setFirstParty = async (clientId: string, isFirstParty: boolean) => {
    const client = await fitgate.store.clients.get(fitgate.tenant, clientId);
    await fitgate.store.clients.update({ ...client!, isFirstParty });
  };

  it('is refused after the person allowed the now third-party application less than the token carries', async () => {
    const app = await addThirdPartyApp(fitgate);
    await setFirstParty(app.client.clientId, true);
    const browser = fitgate.browser();
    const login = await browser.follow(app.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const earlier = await app.redeem(login.arrivedAt?.searchParams.get('code') ?? '').expect(200);
    expect(earlier.body.scope).toBe('openid profile email offline_access');

    await setFirstParty(app.client.clientId, false);
    const asked = await browser.follow(app.authorizeUrl({ scope: 'openid' }), CLIENT_CALLBACK);
    const accepted = await answerConsent(fitgate, browser, consentFormOf(asked.page!), 'accept');
    expect(accepted.location?.searchParams.get('code')).toBeTruthy();
    const user = await fitgate.store.users.get(fitgate.tenant, ALICE);
    expect(user?.grants?.find((grant) => grant.clientId === app.client.clientId)?.scope).toEqual(['openid']);

    const refreshed = await app.refresh(String(earlier.body.refresh_token));
    expect(refreshed.body.access_token).toBeUndefined();
    expect([refreshed.status, refreshed.body]).toEqual([400, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' }]);
  });

  it('is refused when it carries more than the person had allowed before the application was made first-party', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const asked = await browser.follow(app.authorizeUrl({ connection: 'fitbit', scope: 'openid' }), CLIENT_CALLBACK);
    await answerConsent(fitgate, browser, consentFormOf(asked.page!), 'accept');

    await setFirstParty(app.client.clientId, true);
    const login = await browser.follow(app.authorizeUrl(), CLIENT_CALLBACK);
    const wider = await app.redeem(login.arrivedAt?.searchParams.get('code') ?? '').expect(200);
    expect(wider.body.scope).toBe('openid profile email offline_access');

    await setFirstParty(app.client.clientId, false);
    const refreshed = await app.refresh(String(wider.body.refresh_token));
    expect(refreshed.body.access_token).toBeUndefined();
    expect([refreshed.status, refreshed.body]).toEqual([400, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' }]);
  });
});
