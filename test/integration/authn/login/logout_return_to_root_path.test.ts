import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel } from '../../../support/authn/back_channel_fixture.js';

const REGISTERED = 'http://localhost:4101/';
const SENT = 'http://localhost:4101';

/**
 * A return address sent without the root slash of the registered one, as express-openid-connect
 * (its baseURL) and auth-js's buildLogoutUrl send it: the same address (RFC 3986 §6.2.3), so both
 * logout endpoints return to it; any other difference in the path is still refused.
 */
describeEachStore('a logout return address without its root slash', (harness) => {
  const backChannel = useBackChannel(harness);

  async function client() {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [REGISTERED] });
    return { bc, clientId: client.clientId };
  }

  it('/oidc/logout returns to it, with state', async () => {
    const { bc, clientId } = await client();
    const plain = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, post_logout_redirect_uri: SENT }).expect(302);
    expect(plain.headers.location).toBe(SENT);
    const withState = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, post_logout_redirect_uri: SENT, state: 'next-page' }).expect(302);
    expect(withState.headers.location).toBe(`${REGISTERED}?state=next-page`);
  });

  it('/v2/logout returns to it too', async () => {
    const { bc, clientId } = await client();
    const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).query({ client_id: clientId, returnTo: SENT }).expect(302);
    expect(response.headers.location).toBe(SENT);
  });

  it('/oidc/logout still refuses another path on the same origin, without calling it a query difference', async () => {
    const { bc, clientId } = await client();
    for (const post_logout_redirect_uri of [`${SENT}/elsewhere`, `${SENT}/elsewhere/`]) {
      const response = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, post_logout_redirect_uri }).expect(400);
      expect({ post_logout_redirect_uri, location: response.headers.location }).toEqual({ post_logout_redirect_uri, location: undefined });
      expect(response.text).toContain('You are signed out');
      expect(response.text).toContain('not one of the allowed logout URLs');
      expect(response.text).not.toContain('query or fragment');
    }
  });
});
