import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

/**
 * Deleting an application ends what it was given: its refresh tokens already stopped; its access
 * tokens are refused at /userinfo from that moment, not an hour later when they expire.
 */
describeEachStore('the access tokens of a deleted application', (harness) => {
  const backChannel = useBackChannel(harness);

  it('are refused at /userinfo with invalid_token once the application is deleted', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, scope: ['openid', 'profile'] });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret)).expect(200);
    const userinfo = () => request(bc.app).get('/userinfo').set('Host', bc.host).set('Authorization', `Bearer ${issued.body.access_token as string}`);
    await userinfo().expect(200);

    expect(await bc.store.clients.delete(bc.tenant.name, client.clientId)).toBe(true);
    const refused = await userinfo().expect(401);
    expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(refused.headers['www-authenticate']).toContain('no longer exists');
  });
});
