import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

// RFC 6750 §2.3, as Auth0 serves it and passport-auth0 uses it: GET /userinfo?access_token=...
describeEachStore('/userinfo with the access token in the query', (harness) => {
  const backChannel = useBackChannel(harness);

  async function tokenFor(bc: BackChannel) {
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, scope: ['openid', 'profile'] });
    const issued = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret))
      .expect(200);
    return { user, accessToken: issued.body.access_token as string };
  }

  it('answers a token sent as the access_token query parameter', async () => {
    const bc = backChannel();
    const { user, accessToken } = await tokenFor(bc);
    const response = await request(bc.app).get('/userinfo').query({ access_token: accessToken }).set('Host', bc.host).expect(200);
    expect(response.body).toMatchObject({ sub: user.userId, name: 'Ada Lovelace' });
  });

  it('writes the request to the log with the token redacted', async () => {
    const bc = backChannel();
    const { accessToken } = await tokenFor(bc);
    await request(bc.app).get('/userinfo').query({ access_token: accessToken }).set('Host', bc.host).expect(200);
    const lines = bc.logLines.filter((line) => line.includes('/userinfo?access_token='));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('/userinfo?access_token=[REDACTED]');
    expect(bc.logLines.join('\n')).not.toContain(accessToken);
  });

  it('refuses a token sent both in the query and in the Authorization header with invalid_request', async () => {
    const bc = backChannel();
    const { accessToken } = await tokenFor(bc);
    const response = await request(bc.app)
      .get('/userinfo')
      .query({ access_token: accessToken })
      .set('Host', bc.host)
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(400);
    expect(response.body.error).toBe('invalid_request');
    expect(response.body.error_description).toContain('one way only');
  });

  it('refuses a token sent both in the query and in a POST body with invalid_request', async () => {
    const bc = backChannel();
    const { accessToken } = await tokenFor(bc);
    const response = await request(bc.app)
      .post(`/userinfo?access_token=${accessToken}`)
      .set('Host', bc.host)
      .type('form')
      .send({ access_token: accessToken })
      .expect(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('refuses access_token repeated in the query with invalid_request', async () => {
    const bc = backChannel();
    const { accessToken } = await tokenFor(bc);
    const response = await request(bc.app).get(`/userinfo?access_token=${accessToken}&access_token=${accessToken}`).set('Host', bc.host).expect(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('says where a token may be sent when none was', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/userinfo').set('Host', bc.host).expect(401);
    expect(response.body.error_description).toContain('Authorization header');
    expect(response.body.error_description).toContain('form-encoded POST body');
    expect(response.body.error_description).toContain('access_token query parameter');
  });
});
