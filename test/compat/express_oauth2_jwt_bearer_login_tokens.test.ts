import { beforeAll, afterAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { startRelyingParty, type RelyingParty } from '../support/compat/relying_party.js';
import { useJwtBearerApi } from '../support/compat/use_jwt_bearer_api.js';

// The tokens of a user's login (@auth0/auth0-auth-js, code flow, no audience) are no key to an API
// on express-oauth2-jwt-bearer's defaults: the id_token is for the application (aud its client id),
// and the access token, for /userinfo alone, is opaque (an encrypted JWE) as Auth0's is without an
// API audience.
describe('express-oauth2-jwt-bearer with its defaults: the tokens of a user login', () => {
  const setup = useJwtBearerApi({ granted: ['read:users'], requiredScope: 'read:users' });
  let app: RelyingParty | undefined;
  let tokens: { idToken: string; accessToken: string };
  let clientId: string;

  beforeAll(async () => {
    const { client, clientSecret } = await setup.fitgate.addClient({ name: 'orders web', appType: 'regular_web' });
    clientId = client.clientId;
    app = await startRelyingParty('auth0_auth_js_tokens', { domain: setup.fitgate.domain, clientId, clientSecret }, setup.fitgate.certificate.caFile);
    await setup.fitgate.store.clients.update({ ...client, callbacks: [`${app.url}/callback`] });
    const browser = new CompatBrowser(setup.fitgate.certificate.certPem);
    const start = await browser.follow(`${app.url}/login`);
    const { page } = await browser.follow(continueWithFitbit(start.page));
    if (page.status !== 200) throw new Error(`the login failed: ${page.status} ${page.text}`);
    tokens = JSON.parse(page.text) as typeof tokens;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses the id_token, signed by the tenant but for the application', async () => {
    expect(decodeJwt(tokens.idToken)).toMatchObject({ iss: `${setup.fitgate.publicUrl}/`, aud: clientId });

    const answer = await setup.call('/tenant-api/private', tokens.idToken);

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'invalid_token', error: "Unexpected 'aud' value" });
  });

  it('refuses the opaque access token', async () => {
    expect(tokens.accessToken.split('.')).toHaveLength(5);

    const answer = await setup.call('/tenant-api/private', tokens.accessToken);

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'invalid_token', error: expect.stringMatching(/^Unsupported algorithm "dir"/) });
  });
});
