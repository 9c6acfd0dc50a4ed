import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel } from '../../../support/authn/back_channel_fixture.js';

const RETURN_TO = 'https://app.example/signed-out';
const WITH_QUERY = 'https://app.example/landing?from=logout';

/**
 * The query of the return address, which the two logout endpoints treat as Auth0 does: /v2/logout
 * leaves it (and the fragment) out of the comparison, /oidc/logout compares the whole
 * post_logout_redirect_uri (RP-Initiated Logout 1.0 §3: only a registered value), so a forwarded
 * `next=` cannot ride on an allowed address there.
 */
describeEachStore('the query of a logout return address', (harness) => {
  const backChannel = useBackChannel(harness);

  async function client() {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [RETURN_TO, WITH_QUERY] });
    return { bc, clientId: client.clientId };
  }

  it('/v2/logout returns to returnTo as sent when only its query or fragment differ from an allowed URL, as Auth0 does', async () => {
    const { bc, clientId } = await client();
    for (const returnTo of [`${RETURN_TO}?loggedOut=1`, `${RETURN_TO}#bye`, `${RETURN_TO}?a=1&b=2#x`, `${RETURN_TO}?next=https://evil.example`]) {
      const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).query({ client_id: clientId, returnTo }).expect(302);
      expect(response.headers.location).toBe(returnTo);
    }
  });

  it('/oidc/logout refuses a post_logout_redirect_uri whose query or fragment is not the registered one, and says why', async () => {
    const { bc, clientId } = await client();
    const refused = [
      `${RETURN_TO}?next=https://evil.example`,
      `${RETURN_TO}?loggedOut=1`,
      `${RETURN_TO}#bye`,
      'https://app.example/landing',
      'https://app.example/landing?from=logout&next=https://evil.example',
    ];
    for (const post_logout_redirect_uri of refused) {
      const response = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, post_logout_redirect_uri }).expect(400);
      expect({ post_logout_redirect_uri, location: response.headers.location }).toEqual({ post_logout_redirect_uri, location: undefined });
      expect(response.text).toContain('You are signed out');
      expect(response.text).toContain('compares the whole address');
      expect(response.text).toContain('carry a value back in state');
    }
  });

  it('/oidc/logout returns to a registered address exactly as registered, query included, with state added', async () => {
    const { bc, clientId } = await client();
    const plain = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, post_logout_redirect_uri: RETURN_TO, state: 'next-page' }).expect(302);
    expect(plain.headers.location).toBe(`${RETURN_TO}?state=next-page`);
    const withQuery = await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, post_logout_redirect_uri: WITH_QUERY }).expect(302);
    expect(withQuery.headers.location).toBe(WITH_QUERY);
  });

  it('/oidc/logout compares the whole address whichever parameter carries it (returnTo too)', async () => {
    const { bc, clientId } = await client();
    await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, returnTo: `${RETURN_TO}?x=1` }).expect(400);
    await request(bc.app).get('/oidc/logout').set('Host', bc.host).query({ client_id: clientId, returnTo: RETURN_TO }).expect(302);
  });
});
