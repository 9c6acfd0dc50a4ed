import { expect, it } from '@jest/globals';
import request from 'supertest';
import { tenantKeysFor } from '../../../../src/authn/keys/tenant_keys.js';
import { signJwt } from '../../../../src/authn/tokens/sign_jwt.js';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

const FIRST = 'https://app.example/signed-out';
const SECOND = 'https://app.example/goodbye';

/**
 * /v2/logout?client_id=X without returnTo, what auth0-spa-js's and auth0-react's logout() sends with
 * no arguments: Auth0 returns the user to the first of the application's Allowed Logout URLs.
 * Auth0 documents the same for /oidc/logout without post_logout_redirect_uri, unless an
 * id_token_hint is given.
 */
describeEachStore('logout without returnTo', (harness) => {
  const backChannel = useBackChannel(harness);

  it('/v2/logout with a client_id goes to the first allowed logout URL, and ends the session', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [FIRST, SECOND] });
    const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).query({ client_id: client.clientId }).expect(302);
    expect(response.headers.location).toBe(FIRST);
    expect(response.headers['set-cookie']?.[0]).toMatch(/^fitgate\.sid=;/);
  });

  it('/v2/logout spelled as Express routes it too (another case, a trailing slash) goes there as well', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [FIRST] });
    for (const path of ['/v2/logout/', '/V2/Logout']) {
      const response = await request(bc.app).get(path).set('Host', bc.host).query({ client_id: client.clientId }).expect(302);
      expect(response.headers.location).toBe(FIRST);
    }
  });

  it('/v2/logout keeps the signed-out page when the client has no allowed logout URL, names none, or is unknown', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [] });
    for (const query of [{ client_id: client.clientId }, {}, { client_id: 'nobody' }]) {
      const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).query(query).expect(200);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain('You are signed out');
    }
  });

  it('/v2/logout does not take the application from an id_token_hint alone: Auth0 names client_id', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [FIRST] });
    const hint = await idTokenFor(bc, client.clientId);
    const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).query({ id_token_hint: hint }).expect(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('You are signed out');
  });

  it('/v2/logout refuses, with a page, a first allowed logout URL that the application URL rule no longer accepts', async () => {
    const bc = backChannel();
    // Saved straight into the store, as an older fitgate let the Management API do.
    const { client } = await bc.addClient({ allowedLogoutUrls: ['javascript:alert(1)//', FIRST] });
    const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).query({ client_id: client.clientId }).expect(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('is no longer accepted');
  });

  it('/oidc/logout with a client_id and no post_logout_redirect_uri goes there too, as Auth0 documents', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [FIRST, SECOND] });
    const response = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: client.clientId }).expect(302);
    expect(response.headers.location).toBe(FIRST);
  });

  it('/oidc/logout with an id_token_hint beside the client_id and no post_logout_redirect_uri shows the signed-out page', async () => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [FIRST] });
    const hint = await idTokenFor(bc, client.clientId);
    const query = { client_id: client.clientId, id_token_hint: hint };
    const response = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query(query).expect(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('You are signed out');
  });
});

/** An id_token of this tenant for the client, as an id_token_hint carries it. */
function idTokenFor(bc: BackChannel, clientId: string): Promise<string> {
  return signJwt(tenantKeysFor(bc.deps), bc.tenant, {}, { typ: 'JWT', issuer: `${bc.tenantUrl}/`, audience: clientId, subject: 'fitbit|HINT', ttlSeconds: 3600 });
}
