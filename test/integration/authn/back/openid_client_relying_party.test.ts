import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import * as oidc from 'openid-client';
import { describeEachStore } from '../../../support/stores.js';
import { buildBackChannel, CALLBACK, type BackChannel } from './back_channel_fixture.js';

/**
 * openid-client (a certified relying party library) against a listening fitgate: if it accepts
 * discovery, the code exchange with PKCE, the id_token, userinfo and a refresh, so will other
 * standard relying parties. The login itself is a stored code record, as /login/callback leaves it.
 */
describeEachStore('openid-client as the relying party', (harness) => {
  let server: Server;
  let bc: BackChannel;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bc = await buildBackChannel(harness.store(), { publicUrl: baseUrl, onDefaultTenant: true });
    server.on('request', bc.app);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('discovers the tenant, runs the PKCE code flow, validates the id_token, reads userinfo and refreshes', async () => {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const config = await oidc.discovery(new URL(`${baseUrl}/`), client.clientId, secret, oidc.ClientSecretBasic(secret), {
      execute: [oidc.allowInsecureRequests],
    });
    expect(config.serverMetadata().issuer).toBe(`${baseUrl}/`);

    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const scope = 'openid profile email offline_access';
    const authorizationUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${baseUrl}/authorize`);

    // What /login/callback stores and sends back for this authorization request.
    const code = await bc.putCode({
      clientId: client.clientId,
      userId: user.userId,
      scope: scope.split(' '),
      nonce,
      codeChallenge: authorizationUrl.searchParams.get('code_challenge') ?? '',
      codeChallengeMethod: 'S256',
    });
    const callback = new URL(CALLBACK);
    callback.search = new URLSearchParams({ code, state, iss: `${baseUrl}/` }).toString();

    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ sub: user.userId, aud: client.clientId, nonce, email: 'ada@example.com' });

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, user.userId);
    expect(userinfo).toMatchObject({ sub: user.userId, name: 'Ada Lovelace', email: 'ada@example.com' });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()?.sub).toBe(user.userId);
    const again = await oidc.fetchUserInfo(config, refreshed.access_token, user.userId);
    expect(again.sub).toBe(user.userId);
  });
});
