import { afterAll, beforeAll, expect, it } from '@jest/globals';
import * as oidc from 'openid-client';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel } from '../../support/authn/front_channel_fixture.js';
import { loopbackFetch } from '../../support/authn/loopback_fetch.js';

/**
 * openid-client (a certified relying party library) against a listening fitgate, through the whole
 * flow: discovery, /authorize with PKCE straight to the Fitbit connection (the emulator, Google
 * Health mode, consenting as a test user), /login/callback back to the app, the code exchange with
 * id_token validation, userinfo and a refresh. If it accepts all of that, so will other standard
 * relying parties.
 */
let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
  emulator.control.setAutoConsent({ user: 'alice', decision: 'approve' });
});
afterAll(() => emulator.close());

describeEachStore('openid-client as the relying party', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator } });
  });
  afterAll(() => fitgate.close());

  it('discovers the tenant, logs in with PKCE through Fitbit, validates the id_token, reads userinfo and refreshes', async () => {
    const issuer = `${fitgate.tenantUrl}/`;
    const config = await oidc.discovery(new URL(issuer), fitgate.spaClient.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
      [oidc.customFetch]: loopbackFetch(fitgate.url, new Set([new URL(issuer).host])),
    });
    expect(config.serverMetadata().issuer).toBe(issuer);

    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorizationUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CLIENT_CALLBACK,
      scope: 'openid profile email offline_access',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      connection: 'fitbit',
    });
    const { arrivedAt } = await fitgate.browser().follow(authorizationUrl, CLIENT_CALLBACK);
    if (!arrivedAt) throw new Error('the login did not come back to the client');

    const tokens = await oidc.authorizationCodeGrant(config, arrivedAt, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ iss: issuer, aud: fitgate.spaClient.clientId, nonce, name: 'Alice Runner' });
    expect(claims?.sub).toMatch(/^fitbit\|/);
    const subject = claims?.sub ?? '';

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, subject);
    expect(userinfo).toMatchObject({ sub: subject, name: 'Alice Runner' });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()?.sub).toBe(subject);
    expect((await oidc.fetchUserInfo(config, refreshed.access_token, subject)).sub).toBe(subject);
  });
});
