import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { basicAuth, CALLBACK, CHALLENGE, useBackChannel, VERIFIER } from '../../../support/authn/back_channel_fixture.js';

const SPA_ORIGIN = 'https://spa.example';
const OTHER_ORIGIN = 'https://evil.example';

describeEachStore('cross-origin calls from single-page apps', (harness) => {
  const backChannel = useBackChannel(harness);

  /** A public SPA client listing SPA_ORIGIN in the given field, and a fresh PKCE code for it. */
  async function spaWithCode(field: 'webOrigins' | 'allowedOrigins') {
    const bc = backChannel();
    const { client } = await bc.addClient({ appType: 'spa', name: 'Acme SPA', [field]: [SPA_ORIGIN] });
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: client.clientId, userId: user.userId, codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
    const exchange = (origin?: string) => {
      const call = request(bc.app).post('/oauth/token').set('Host', bc.host);
      if (origin) call.set('Origin', origin);
      return call.send({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, client_id: client.clientId, code_verifier: VERIFIER });
    };
    return { bc, client, exchange };
  }

  it('lets an origin in the client\'s web_origins read the token answer: the origin is echoed, with Vary: Origin', async () => {
    const { exchange } = await spaWithCode('webOrigins');
    const response = await exchange(SPA_ORIGIN).expect(200);
    expect(response.body.access_token).toEqual(expect.any(String));
    expect(response.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(response.headers.vary).toMatch(/\bOrigin\b/);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('lets an origin in the client\'s allowed_origins read the token answer too', async () => {
    const { exchange } = await spaWithCode('allowedOrigins');
    const response = await exchange(SPA_ORIGIN).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
  });

  it('gives an unlisted origin the normal answer without Access-Control-Allow-Origin, so the browser hides it', async () => {
    const { exchange } = await spaWithCode('webOrigins');
    const response = await exchange(OTHER_ORIGIN).expect(200);
    // The server still does its work and answers as usual; only the browser withholds it from the page.
    expect(response.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), id_token: expect.any(String) });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers.vary).toMatch(/\bOrigin\b/);
  });

  it('answers a program that sends no Origin as before, with no CORS header', async () => {
    const { exchange } = await spaWithCode('webOrigins');
    const response = await exchange().expect(200);
    expect(response.body.id_token).toEqual(expect.any(String));
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets a listed origin read its errors, and no other origin read them', async () => {
    const { bc, client } = await spaWithCode('webOrigins');
    const refresh = (origin: string) =>
      request(bc.app)
        .post('/oauth/token')
        .set('Host', bc.host)
        .set('Origin', origin)
        .send({ grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token', client_id: client.clientId });
    const listed = await refresh(SPA_ORIGIN).expect(400);
    expect(listed.body.error).toBe('invalid_grant');
    expect(listed.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    const unlisted = await refresh(OTHER_ORIGIN).expect(400);
    expect(unlisted.body.error).toBe('invalid_grant');
    expect(unlisted.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('decides by the client the request names, also through HTTP Basic, and at /oauth/revoke', async () => {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({ webOrigins: [SPA_ORIGIN] });
    const { client: stranger } = await bc.addClient({ appType: 'spa', name: 'Other SPA', webOrigins: [OTHER_ORIGIN] });
    const revoke = (origin: string, clientAuth: { authorization?: string; clientId?: string }) => {
      const call = request(bc.app).post('/oauth/revoke').set('Host', bc.host).set('Origin', origin);
      if (clientAuth.authorization) call.set('Authorization', clientAuth.authorization);
      return call.type('form').send({ token: 'unknown-token', ...(clientAuth.clientId ? { client_id: clientAuth.clientId } : {}) });
    };
    const listed = await revoke(SPA_ORIGIN, { authorization: basicAuth(client.clientId, secret) }).expect(200);
    expect(listed.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    // Another client's origin does not open this client's answers.
    const otherClientsOrigin = await revoke(OTHER_ORIGIN, { authorization: basicAuth(client.clientId, secret) }).expect(200);
    expect(otherClientsOrigin.headers['access-control-allow-origin']).toBeUndefined();
    const named = await revoke(OTHER_ORIGIN, { clientId: stranger.clientId }).expect(200);
    expect(named.headers['access-control-allow-origin']).toBe(OTHER_ORIGIN);
    // A request naming no client, or one that does not exist, is readable by no origin.
    const unnamed = await request(bc.app).post('/oauth/revoke').set('Host', bc.host).set('Origin', SPA_ORIGIN).type('form').send({ token: 't' }).expect(401);
    expect(unnamed.headers['access-control-allow-origin']).toBeUndefined();
    const unknown = await revoke(SPA_ORIGIN, { clientId: 'no-such-client' }).expect(401);
    expect(unknown.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the preflight of /oauth/token and /oauth/revoke for the requesting origin, without credentials', async () => {
    const bc = backChannel();
    for (const path of ['/oauth/token', '/oauth/revoke']) {
      const response = await request(bc.app)
        .options(path)
        .set('Host', bc.host)
        .set('Origin', OTHER_ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type, authorization, auth0-client')
        .expect(204);
      // The preflight has no body, so it cannot know the client: the POST's answer decides.
      expect(response.headers['access-control-allow-origin']).toBe(OTHER_ORIGIN);
      expect(response.headers.vary).toMatch(/\bOrigin\b/);
      expect(response.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
      expect(response.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, Auth0-Client');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('never echoes an Origin that is not a web origin', async () => {
    const bc = backChannel();
    const preflight = await request(bc.app).options('/oauth/token').set('Host', bc.host).set('Origin', 'null').expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps /userinfo open to any origin: it answers only a bearer token the page already holds', async () => {
    const bc = backChannel();
    const response = await request(bc.app)
      .options('/userinfo')
      .set('Host', bc.host)
      .set('Origin', OTHER_ORIGIN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization')
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toContain('GET');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('never lets the session-bearing logout be read cross-origin', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).set('Origin', 'https://spa.example').expect(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
