import { expect, it } from '@jest/globals';
import request from 'supertest';
import { deleteApplication } from '../../../../src/domain/application_removal.js';
import { describeEachStore } from '../../../support/stores.js';
import { CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';
import { createAppByManagementApi } from '../../../support/authn/management_created_app.js';

/**
 * A user's access token lives 24 h and a regular web application's refresh token is never spent, but
 * both are checked at every use: revoking the grant or deleting the application refuses them at once,
 * long before the access token expires, and a blocked user gets nothing for the refresh token.
 */
describeEachStore("a new application's long-lived tokens are cut off", (harness) => {
  const backChannel = useBackChannel(harness);

  async function issued(bc: BackChannel) {
    const app = await createAppByManagementApi(bc, { name: 'Dashboard app' });
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: app.clientId, userId: user.userId });
    const tokens = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, app.authorization).expect(200);
    expect(tokens.body.expires_in).toBe(86400);
    return { app, accessToken: tokens.body.access_token as string, refreshToken: tokens.body.refresh_token as string };
  }

  const userinfo = (bc: BackChannel, accessToken: string) =>
    request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${accessToken}`);

  it('refuses it at /userinfo once its grant is revoked at /oauth/revoke, and the non-rotating refresh token with it', async () => {
    const bc = backChannel();
    const { app, accessToken, refreshToken } = await issued(bc);
    await userinfo(bc, accessToken).expect(200);

    await request(bc.app).post('/oauth/revoke').set('Host', bc.host).set('Authorization', app.authorization!).type('form').send({ token: refreshToken }).expect(200);

    const refused = await userinfo(bc, accessToken).expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/invalid_token/);
    const refresh = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, app.authorization).expect(400);
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('refuses it at /userinfo once its application is deleted, and the refresh token with it', async () => {
    const bc = backChannel();
    const { app, accessToken, refreshToken } = await issued(bc);
    await userinfo(bc, accessToken).expect(200);

    expect(await deleteApplication(bc.store, bc.tenant.name, app.clientId)).toBe(true);

    await userinfo(bc, accessToken).expect(401);
    const refresh = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, app.authorization).expect(401);
    expect(refresh.body.error).toBe('invalid_client');
  });

  it('refuses the non-rotating refresh token of a user blocked since, and honours it again once unblocked', async () => {
    const bc = backChannel();
    const { app, refreshToken } = await issued(bc);
    const access = await bc.openAccessToken((await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, app.authorization).expect(200)).body.access_token);
    const user = (await bc.store.users.get(bc.tenant.name, String(access.sub)))!;

    await bc.store.users.update({ ...user, blocked: true });
    const refused = await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, app.authorization).expect(400);
    expect(refused.body).toMatchObject({ error: 'invalid_grant', error_description: 'user is blocked' });

    const blocked = (await bc.store.users.get(bc.tenant.name, user.userId))!;
    await bc.store.users.update({ ...blocked, blocked: false });
    await bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, app.authorization).expect(200);
  });
});
