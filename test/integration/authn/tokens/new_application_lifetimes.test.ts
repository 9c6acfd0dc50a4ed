import { expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { describeEachStore } from '../../../support/stores.js';
import { CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';
import { createAppByManagementApi } from '../../../support/authn/management_created_app.js';

/**
 * Auth0's lifetimes: a user's access token lives 24 h and a new application's id_tokens 10 h, so SDKs
 * that cache by expires_in or exp renew as often as they do against Auth0.
 */
describeEachStore('token lifetimes of a new application', (harness) => {
  const backChannel = useBackChannel(harness);

  it('answers expires_in 86400 with a 24 h access token and a 10 h id_token, at the code exchange and at refresh', async () => {
    const bc = backChannel();
    const app = await createAppByManagementApi(bc, { name: 'Express app' });
    expect(app.json.jwt_configuration).toMatchObject({ lifetime_in_seconds: 36000 });
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: app.clientId, userId: user.userId });

    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, app.authorization).expect(200);
    expect(issued.body.expires_in).toBe(86400);
    const access = await bc.openAccessToken(issued.body.access_token as string);
    expect(access.exp! - access.iat!).toBe(86400);
    const idToken = await bc.verifyWithJwks(issued.body.id_token as string, app.clientId);
    expect(idToken.exp! - idToken.iat!).toBe(36000);

    const refreshed = await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token as string }, app.authorization).expect(200);
    expect(refreshed.body.expires_in).toBe(86400);
    const again = decodeJwt(refreshed.body.id_token as string);
    expect(again.exp! - again.iat!).toBe(36000);
  });

  it('keeps a lifetime_in_seconds sent at creation', async () => {
    const bc = backChannel();
    const app = await createAppByManagementApi(bc, { name: 'Short-lived', jwt_configuration: { lifetime_in_seconds: 600 } });
    expect(app.json.jwt_configuration).toMatchObject({ lifetime_in_seconds: 600 });
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: app.clientId, userId: user.userId });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, app.authorization).expect(200);
    const idToken = decodeJwt(issued.body.id_token as string);
    expect(idToken.exp! - idToken.iat!).toBe(600);
  });
});
