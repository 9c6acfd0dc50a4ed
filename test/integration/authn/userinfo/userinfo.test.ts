import { expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('/userinfo', (harness) => {
  const backChannel = useBackChannel(harness);

  async function tokensFor(bc: BackChannel, scope: string[]) {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, scope });
    const issued = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret))
      .expect(200);
    return { user, accessToken: issued.body.access_token as string, idToken: issued.body.id_token as string };
  }

  it('returns sub and the profile and email claims the token scopes allow', async () => {
    const bc = backChannel();
    const { user, accessToken } = await tokensFor(bc, ['openid', 'profile', 'email']);
    const response = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${accessToken}`).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      sub: user.userId,
      name: 'Ada Lovelace',
      nickname: 'ada',
      given_name: 'Ada',
      family_name: 'Lovelace',
      picture: 'https://static.example/ada.png',
      updated_at: user.updatedAt,
      email: 'ada@example.com',
      email_verified: true,
    });
  });

  it('sends updated_at as an ISO 8601 string, as Auth0 does, the same in the id_token and at /userinfo', async () => {
    const bc = backChannel();
    const { user, accessToken, idToken } = await tokensFor(bc, ['openid', 'profile']);
    const response = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${accessToken}`).expect(200);
    expect(response.body.updated_at).toBe(user.updatedAt);
    expect(new Date(response.body.updated_at as string).getTime()).toBe(Date.parse(user.updatedAt));
    expect(decodeJwt(idToken).updated_at).toBe(response.body.updated_at);
  });

  it('returns only sub for a token granted openid alone, and email without profile for openid email', async () => {
    const bc = backChannel();
    const bare = await tokensFor(bc, ['openid']);
    const onlySub = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${bare.accessToken}`);
    expect(onlySub.body).toEqual({ sub: bare.user.userId });

    const email = await tokensFor(bc, ['openid', 'email']);
    const emailOnly = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${email.accessToken}`);
    expect(emailOnly.body).toEqual({ sub: email.user.userId, email: 'ada@example.com', email_verified: true });
  });

  it('refuses a token granted without openid with insufficient_scope', async () => {
    const bc = backChannel();
    const { accessToken } = await tokensFor(bc, ['profile', 'email']);
    const response = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${accessToken}`).expect(403);
    expect(response.body.error).toBe('insufficient_scope');
    expect(response.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
  });

  it('accepts the token as access_token in a form POST body', async () => {
    const bc = backChannel();
    const { user, accessToken } = await tokensFor(bc, ['openid']);
    const response = await request(bc.app).post('/userinfo').set('Host', bc.host).type('form').send({ access_token: accessToken }).expect(200);
    expect(response.body.sub).toBe(user.userId);
  });

  it('challenges a request without a token with 401 and a Bearer challenge that names no error', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/userinfo').set('Host', bc.host).expect(401);
    expect(response.headers['www-authenticate']).toBe(`Bearer realm="${bc.tenantUrl}"`);
  });

  it('refuses a malformed, tampered or id_token bearer with invalid_token', async () => {
    const bc = backChannel();
    const { accessToken, idToken } = await tokensFor(bc, ['openid']);
    const [header, payload] = accessToken.split('.');
    const tampered = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    for (const token of ['abc', tampered, idToken]) {
      const response = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.body.error).toBe('invalid_token');
      expect(response.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    }
  });

  it('refuses the token of a user blocked since it was issued with invalid_token and a Bearer challenge', async () => {
    const bc = backChannel();
    const { user, accessToken } = await tokensFor(bc, ['openid']);
    const stored = await bc.store.users.get(bc.tenant.name, user.userId);
    await bc.store.users.update({ ...stored!, blocked: true });
    const response = await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${accessToken}`).expect(401);
    expect(response.body).toEqual({ error: 'invalid_token', error_description: 'user is blocked' });
    expect(response.headers['www-authenticate']).toBe(`Bearer realm="${bc.tenantUrl}", error="invalid_token", error_description="user is blocked"`);
  });

  it('refuses a token of this tenant at another tenant', async () => {
    const bc = backChannel();
    const { accessToken } = await tokensFor(bc, ['openid']);
    const response = await request(bc.app).get('/userinfo').set('Host', bc.other.host).set('Authorization', `Bearer ${accessToken}`).expect(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('refuses a token sent both in the header and in the body with invalid_request', async () => {
    const bc = backChannel();
    const { accessToken } = await tokensFor(bc, ['openid']);
    const response = await request(bc.app)
      .post('/userinfo')
      .set('Host', bc.host)
      .set('Authorization', `Bearer ${accessToken}`)
      .type('form')
      .send({ access_token: accessToken })
      .expect(400);
    expect(response.body.error).toBe('invalid_request');
  });
});
