import { expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('id_token lifetime (jwt_configuration.lifetime_in_seconds)', (harness) => {
  const backChannel = useBackChannel(harness);

  it("gives id_tokens the client's lifetime, at the code exchange and at refresh, and leaves access tokens alone", async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({ settings: { idTokenLifetimeSeconds: 120 } });
    const user = await bc.addUser();
    const auth = basicAuth(client.clientId, secret);
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });

    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, auth).expect(200);
    const idToken = decodeJwt(issued.body.id_token);
    expect(idToken.exp! - idToken.iat!).toBe(120);
    await bc.verifyWithJwks(issued.body.id_token, client.clientId);
    const accessToken = await bc.openAccessToken(issued.body.access_token);
    expect(accessToken.exp! - accessToken.iat!).toBe(86400);

    const refreshed = await bc.token({ grant_type: 'refresh_token', refresh_token: issued.body.refresh_token }, auth).expect(200);
    const again = decodeJwt(refreshed.body.id_token);
    expect(again.exp! - again.iat!).toBe(120);
  });

  it('keeps the hour for a client stored without the setting (from before new applications got 10 h)', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret)).expect(200);
    const idToken = decodeJwt(issued.body.id_token);
    expect(idToken.exp! - idToken.iat!).toBe(3600);
  });
});
