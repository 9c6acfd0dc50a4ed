import { expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, CHALLENGE, useBackChannel, VERIFIER } from '../../../support/authn/back_channel_fixture.js';
import request from 'supertest';

describeEachStore('authorization_code exchange at /oauth/token', (harness) => {
  const backChannel = useBackChannel(harness);

  it('issues an RS256 id_token with the tenant key kid, verifiable against the JWKS, carrying the login claims', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const authTime = Math.floor(Date.now() / 1000) - 30;
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, nonce: 'n-0S6_WzA2Mj', authTime });

    const response = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret))
      .expect(200);

    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: 'openid profile email offline_access' });
    const header = decodeProtectedHeader(response.body.id_token);
    expect(header).toMatchObject({ alg: 'RS256', kid: bc.tenant.signingKeys[0]?.kid });

    const claims = await bc.verifyWithJwks(response.body.id_token, client.clientId);
    expect(claims).toMatchObject({
      iss: `${bc.tenantUrl}/`,
      aud: client.clientId,
      sub: user.userId,
      auth_time: authTime,
      nonce: 'n-0S6_WzA2Mj',
      name: 'Ada Lovelace',
      nickname: 'ada',
      given_name: 'Ada',
      family_name: 'Lovelace',
      picture: 'https://static.example/ada.png',
      // An ISO 8601 string, as Auth0 sends it (not OpenID Connect's number of seconds).
      updated_at: user.updatedAt,
      email: 'ada@example.com',
      email_verified: true,
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
  });

  it('issues an access token for /userinfo bound to the grant, and a refresh token only with offline_access', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const grantId = 'grant-with-offline-access';
    const withOffline = await bc.putCode({ clientId: client.clientId, userId: user.userId, grantId });
    const withoutOffline = await bc.putCode({ clientId: client.clientId, userId: user.userId, scope: ['openid'] });

    const first = await bc
      .token({ grant_type: 'authorization_code', code: withOffline, redirect_uri: CALLBACK, client_id: client.clientId, client_secret: secret })
      .expect(200);
    const access = await bc.openAccessToken(first.body.access_token);
    expect(access).toMatchObject({ sub: user.userId, client_id: client.clientId, gid: grantId, scope: 'openid profile email offline_access' });
    expect(first.body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const second = await bc
      .token({ grant_type: 'authorization_code', code: withoutOffline, redirect_uri: CALLBACK, client_id: client.clientId, client_secret: secret })
      .expect(200);
    expect(second.body.refresh_token).toBeUndefined();
    const idClaims = await bc.verifyWithJwks(second.body.id_token, client.clientId);
    expect(idClaims.email).toBeUndefined();
    expect(idClaims.name).toBeUndefined();
  });

  it('lets a public client redeem its code with the PKCE verifier alone, from a JSON body', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient({ appType: 'spa', name: 'Acme SPA' });
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });

    const response = await request(bc.app)
      .post('/oauth/token')
      .set('Host', bc.host)
      .send({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: client.clientId, code_verifier: VERIFIER })
      .expect(200);
    expect(response.body.id_token).toEqual(expect.any(String));
  });

  it('never issues tokens for a code twice: the second exchange is invalid_grant', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const params = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK };

    const [a, b] = await Promise.all([
      bc.token(params, basicAuth(client.clientId, secret)),
      bc.token(params, basicAuth(client.clientId, secret)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    expect([a.body.error, b.body.error]).toContain('invalid_grant');
  });
});

