import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('rotating refresh tokens', (harness) => {
  const backChannel = useBackChannel(harness);

  async function login(bc: BackChannel, scope?: string[]) {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, ...(scope ? { scope } : {}) });
    const auth = basicAuth(client.clientId, secret);
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    return { client, user, auth, tokens: issued.body as Record<string, string> };
  }

  it('exchanges a refresh token for new tokens and a new refresh token of the same grant', async () => {
    const bc = backChannel();
    const { client, user, auth, tokens } = await login(bc);
    const refreshed = await bc.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }, auth).expect(200);

    expect(refreshed.headers['cache-control']).toBe('no-store');
    expect(refreshed.body.refresh_token).toEqual(expect.any(String));
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    const before = await bc.openAccessToken(tokens.access_token ?? '');
    const after = await bc.openAccessToken(refreshed.body.access_token);
    expect(after.gid).toBe(before.gid);
    const idToken = await bc.verifyWithJwks(refreshed.body.id_token, client.clientId);
    expect(idToken.sub).toBe(user.userId);
    expect(idToken.nonce).toBeUndefined();
  });

  it('revokes the whole family when a rotated refresh token is used again', async () => {
    const bc = backChannel();
    const { auth, tokens } = await login(bc);
    const second = await bc.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }, auth).expect(200);

    const reuse = await bc.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }, auth).expect(400);
    expect(reuse.body.error).toBe('invalid_grant');

    const newest = await bc.token({ grant_type: 'refresh_token', refresh_token: second.body.refresh_token }, auth).expect(400);
    expect(newest.body.error).toBe('invalid_grant');
    await request(bc.app)
      .get('/userinfo')
      .set('Host', bc.host)
      .set('Authorization', `Bearer ${second.body.access_token}`)
      .expect(401);
  });

  it('lets a refresh narrow the scope but never widen it, and keeps the whole scope on the new refresh token', async () => {
    const bc = backChannel();
    const { auth, tokens } = await login(bc, ['openid', 'email', 'offline_access']);
    const wider = await bc
      .token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', scope: 'openid profile' }, auth)
      .expect(400);
    expect(wider.body.error).toBe('invalid_scope');

    const narrower = await bc
      .token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '', scope: 'openid' }, auth)
      .expect(200);
    expect(narrower.body.scope).toBe('openid');
    const next = await bc.token({ grant_type: 'refresh_token', refresh_token: narrower.body.refresh_token }, auth).expect(200);
    expect(next.body.scope).toBe('openid email offline_access');
  });

  it('refuses a refresh token presented by another client without spending it', async () => {
    const bc = backChannel();
    const { auth, tokens } = await login(bc);
    const thief = await bc.addClient({ name: 'Thief' });
    const stolen = await bc
      .token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }, basicAuth(thief.client.clientId, thief.secret))
      .expect(400);
    expect(stolen.body.error).toBe('invalid_grant');
    await bc.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }, auth).expect(200);
  });

  it('refuses an unknown refresh token and a request without one', async () => {
    const bc = backChannel();
    const { auth } = await login(bc);
    const unknown = await bc.token({ grant_type: 'refresh_token', refresh_token: 'made-up' }, auth).expect(400);
    expect(unknown.body.error).toBe('invalid_grant');
    const missing = await bc.token({ grant_type: 'refresh_token' }, auth).expect(400);
    expect(missing.body.error).toBe('invalid_request');
  });
});
