import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('a replayed authorization code', (harness) => {
  const backChannel = useBackChannel(harness);

  /** A code of a new client's new user, and the exchange that redeems it. */
  async function aCode() {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    return { bc, auth: basicAuth(client.clientId, secret), params: { grant_type: 'authorization_code', code, redirect_uri: CALLBACK } };
  }

  it('is refused and revokes the refresh token and the access token issued from that code', async () => {
    const { bc, auth, params } = await aCode();

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

  it('counts two exchanges at the same moment as a use twice: one gets tokens, and they are revoked', async () => {
    const { bc, auth, params } = await aCode();

    const answers = await Promise.all([bc.token(params, auth), bc.token(params, auth)]);
    const issued = answers.find((answer) => answer.status === 200);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);

    const refresh = await bc.token({ grant_type: 'refresh_token', refresh_token: issued!.body.refresh_token }, auth).expect(400);
    expect(refresh.body.error).toBe('invalid_grant');
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

  it('revokes nothing when another application of the tenant presents the spent code', async () => {
    const { bc, auth, params } = await aCode();
    const other = await bc.addClient();
    const issued = await bc.token(params, auth).expect(200);

    const foreign = await bc.token(params, basicAuth(other.client.clientId, other.secret)).expect(400);
    expect(foreign.body.error).toBe('invalid_grant');

    await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token }, auth).expect(200);
  });
});
