import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('client authentication at /oauth/token', (harness) => {
  const backChannel = useBackChannel(harness);

  async function codeFor(clientId: string) {
    const bc = backChannel();
    const user = await bc.addUser();
    return bc.putCode({ clientId, userId: user.userId });
  }

  it('refuses a wrong client_secret in the body with invalid_client 401, as JSON that is never cached', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient();
    const code = await codeFor(client.clientId);
    const response = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: client.clientId, client_secret: 'wrong' })
      .expect(401);
    expect(response.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  it('answers a failed HTTP Basic authentication with 401 and a Basic challenge', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient();
    const code = await codeFor(client.clientId);
    const response = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, 'wrong'))
      .expect(401);
    expect(response.body.error).toBe('invalid_client');
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('gives an unknown client the same answer as a wrong secret', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient();
    const wrongSecret = await bc.token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'x' });
    const unknown = await bc.token({ grant_type: 'client_credentials', client_id: 'no-such-client', client_secret: 'x' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrongSecret.body);
  });

  it('does not know a client of another tenant, even with its right secret', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({}, bc.other.tenant.name);
    const code = await bc.putCode({ clientId: client.clientId, userId: 'fitbit|ANY' });
    const response = await bc
      .token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basicAuth(client.clientId, secret))
      .expect(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('refuses a confidential client that sends no secret, and a public client that sends one', async () => {
    const bc = backChannel();
    const { client: confidential } = await bc.addClient();
    const { client: publicClient } = await bc.addClient({ appType: 'spa' });
    const noSecret = await bc.token({ grant_type: 'authorization_code', code: 'x', redirect_uri: CALLBACK, client_id: confidential.clientId });
    expect([noSecret.status, noSecret.body.error]).toEqual([401, 'invalid_client']);
    const withSecret = await bc.token({
      grant_type: 'authorization_code',
      code: 'x',
      redirect_uri: CALLBACK,
      client_id: publicClient.clientId,
      client_secret: 'anything',
    });
    expect([withSecret.status, withSecret.body.error]).toEqual([401, 'invalid_client']);
  });

  it('answers an unknown grant_type with unsupported_grant_type and a missing one with invalid_request', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const auth = basicAuth(client.clientId, secret);
    const password = await bc.token({ grant_type: 'password', username: 'a', password: 'b' }, auth).expect(400);
    expect(password.body.error).toBe('unsupported_grant_type');
    const missing = await bc.token({ code: 'x' }, auth).expect(400);
    expect(missing.body.error).toBe('invalid_request');
  });

  it('refuses a grant type the client is not registered for with unauthorized_client', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({ grantTypes: ['authorization_code'] });
    const response = await bc
      .token({ grant_type: 'client_credentials', audience: `${bc.tenantUrl}/api/v2/` }, basicAuth(client.clientId, secret))
      .expect(400);
    expect(response.body.error).toBe('unauthorized_client');
  });

  it('refuses a parameter sent twice and an unreadable JSON body with invalid_request', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient();
    const twice = await request(bc.app)
      .post('/oauth/token')
      .set('Host', bc.host)
      .set('Authorization', basicAuth(client.clientId, secret))
      .type('form')
      .send('grant_type=authorization_code&code=a&code=b')
      .expect(400);
    expect(twice.body.error).toBe('invalid_request');
    const broken = await request(bc.app).post('/oauth/token').set('Host', bc.host).type('json').send('{"grant_type":').expect(400);
    expect(broken.body.error).toBe('invalid_request');
  });
});
