import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('a replayed authorization code', (harness) => {
  const backChannel = useBackChannel(harness);

  it('is refused and revokes the refresh token and the access token issued from that code', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const auth = basicAuth(client.clientId, secret);
    const params = { grant_type: 'authorization_code', code, redirect_uri: CALLBACK };

    const issued = await bc.token(params, auth).expect(200);
    const userinfo = () => request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${issued.body.access_token}`);
    await userinfo().expect(200);

    const replay = await bc.token(params, auth).expect(400);
    expect(replay.body.error).toBe('invalid_grant');

    const refresh = await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token }, auth).expect(400);
    expect(refresh.body.error).toBe('invalid_grant');
    const refused = await userinfo().expect(401);
    expect(refused.body.error).toBe('invalid_token');
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('leaves the tokens of other codes of the same user untouched', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const replayed = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const unrelated = await bc.putCode({ clientId: client.clientId, userId: user.userId });

    await bc.token({ grant_type: 'authorization_code', code: replayed, redirect_uri: CALLBACK }, auth).expect(200);
    const kept = await bc.token({ grant_type: 'authorization_code', code: unrelated, redirect_uri: CALLBACK }, auth).expect(200);
    await bc.token({ grant_type: 'authorization_code', code: replayed, redirect_uri: CALLBACK }, auth).expect(400);

    await bc.token({ grant_type: 'refresh_token', refresh_token: kept.body.refresh_token }, auth).expect(200);
  });
});
