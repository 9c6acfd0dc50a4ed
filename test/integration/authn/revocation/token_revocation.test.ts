import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('/oauth/revoke', (harness) => {
  const backChannel = useBackChannel(harness);

  async function issued(bc: BackChannel) {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const auth = basicAuth(client.clientId, secret);
    const tokens = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    return { client, auth, refreshToken: tokens.body.refresh_token as string, accessToken: tokens.body.access_token as string };
  }

  const revoke = (bc: BackChannel, params: Record<string, string>, authorization?: string) => {
    const call = request(bc.app).post('/oauth/revoke').set('Host', bc.host).type('form');
    if (authorization) call.set('Authorization', authorization);
    return call.send(params);
  };

  it('revokes a refresh token and the access tokens of its grant', async () => {
    const bc = backChannel();
    const { auth, refreshToken, accessToken } = await issued(bc);
    await revoke(bc, { token: refreshToken, token_type_hint: 'refresh_token' }, auth).expect(200);

    const refresh = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth).expect(400);
    expect(refresh.body.error).toBe('invalid_grant');
    await request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${accessToken}`).expect(401);
  });

  it('records an srrt log event naming the client and user, without the token', async () => {
    const bc = backChannel();
    const { client, auth, refreshToken } = await issued(bc);
    await revoke(bc, { token: refreshToken }, auth).expect(200);
    const { items } = await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 50, type: 'srrt' });
    const event = items.find((candidate) => candidate.clientId === client.clientId);
    expect(event).toMatchObject({ type: 'srrt', clientName: client.name, userId: expect.stringMatching(/^fitbit\|/) });
    expect(JSON.stringify(items)).not.toContain(refreshToken);
  });

  it('answers 200 for an unknown token and for another client token, without revoking the latter', async () => {
    const bc = backChannel();
    const owner = await issued(bc);
    const other = await bc.addClient({ name: 'Other' });
    await revoke(bc, { token: 'never-issued' }, owner.auth).expect(200);
    await revoke(bc, { token: owner.refreshToken }, basicAuth(other.client.clientId, other.secret)).expect(200);
    await bc.token({ grant_type: 'refresh_token', refresh_token: owner.refreshToken }, owner.auth).expect(200);
  });

  it('requires client authentication', async () => {
    const bc = backChannel();
    const { client, refreshToken } = await issued(bc);
    const wrong = await revoke(bc, { token: refreshToken }, basicAuth(client.clientId, 'wrong')).expect(401);
    expect(wrong.body.error).toBe('invalid_client');
    const none = await revoke(bc, { token: refreshToken }).expect(401);
    expect(none.body.error).toBe('invalid_client');
  });

  it('refuses a user access token (opaque) with unsupported_token_type, since a self-contained token cannot be recalled', async () => {
    const bc = backChannel();
    const { auth, accessToken } = await issued(bc);
    const response = await revoke(bc, { token: accessToken }, auth).expect(400);
    expect(response.body.error).toBe('unsupported_token_type');
  });

  it('refuses a request without a token with invalid_request', async () => {
    const bc = backChannel();
    const { auth } = await issued(bc);
    const response = await revoke(bc, {}, auth).expect(400);
    expect(response.body.error).toBe('invalid_request');
  });
});
