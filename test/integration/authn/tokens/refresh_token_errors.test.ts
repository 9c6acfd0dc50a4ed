import { createHash } from 'node:crypto';
import { expect, it } from '@jest/globals';
import request from 'supertest';
import type { RefreshTokenRecord } from '../../../../src/authn/tokens/refresh_tokens.js';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

/**
 * Every refresh token fitgate will not honour gets Auth0's answer to the letter: auth0-spa-js with
 * useRefreshTokensFallback falls back to silent login only when the message contains
 * "invalid refresh token".
 */
const AUTH0_REFUSAL = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

describeEachStore('refresh tokens refused in Auth0 words', (harness) => {
  const backChannel = useBackChannel(harness);

  async function login(bc: BackChannel) {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const auth = basicAuth(client.clientId, secret);
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    return { auth, refreshToken: issued.body.refresh_token as string };
  }

  const refresh = (bc: BackChannel, refreshToken: string, auth: string) =>
    bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(400);

  it('an unknown token', async () => {
    const bc = backChannel();
    const { auth } = await login(bc);
    expect((await refresh(bc, 'no-such-token', auth)).body).toEqual(AUTH0_REFUSAL);
  });

  it("another client's token", async () => {
    const bc = backChannel();
    const { refreshToken } = await login(bc);
    const thief = await bc.addClient({ name: 'Thief' });
    expect((await refresh(bc, refreshToken, basicAuth(thief.client.clientId, thief.secret))).body).toEqual(AUTH0_REFUSAL);
  });

  it('a token revoked at /oauth/revoke', async () => {
    const bc = backChannel();
    const { auth, refreshToken } = await login(bc);
    await request(bc.app).post('/oauth/revoke').set('Host', bc.host).set('Authorization', auth).type('form').send({ token: refreshToken }).expect(200);
    expect((await refresh(bc, refreshToken, auth)).body).toEqual(AUTH0_REFUSAL);
  });

  it('an expired token', async () => {
    const bc = backChannel();
    const { auth, refreshToken } = await login(bc);
    const key = createHash('sha256').update(refreshToken, 'utf8').digest('hex');
    const record = await bc.store.ephemeral.get<RefreshTokenRecord>('refresh_token', key);
    await bc.store.ephemeral.put('refresh_token', key, { ...record!, expiresAt: Math.floor(Date.now() / 1000) - 1 }, 600);
    expect((await refresh(bc, refreshToken, auth)).body).toEqual(AUTH0_REFUSAL);
  });

  it('a rotated token presented again, and then its successor, whose family the reuse revoked', async () => {
    const bc = backChannel();
    const { auth, refreshToken } = await login(bc);
    const next = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(200);
    expect((await refresh(bc, refreshToken, auth)).body).toEqual(AUTH0_REFUSAL);
    expect((await refresh(bc, next.body.refresh_token as string, auth)).body).toEqual(AUTH0_REFUSAL);
  });

  it('records the refusal as a fertft event with the same description', async () => {
    const bc = backChannel();
    const { auth } = await login(bc);
    await refresh(bc, 'no-such-token', auth);
    const { items } = await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 50, type: 'fertft' });
    expect(items[0]?.description).toBe(AUTH0_REFUSAL.error_description);
  });
});
