import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { signJwt } from '../../../../src/authn/tokens/sign_jwt.js';
import { tenantKeysFor } from '../../../../src/authn/keys/tenant_keys.js';
import { changeTenantSettings } from '../../../../src/domain/tenant_settings_changes.js';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

const TENANT_URL = 'https://portal.example/bye';
const APP_URL = 'https://app.example/signed-out';
// Written straight into the store, as an older fitgate might have kept it: listed, yet never followed.
const BREAKS_THE_RULE = 'http://public.example/bye';

/**
 * The tenant's own Allowed Logout URLs (`allowed_logout_urls` of /api/v2/tenants/settings): where a
 * logout that names no application, neither by client_id nor by id_token_hint, may return to, as
 * Auth0 documents for both endpoints. A request that names an application is checked against that
 * application's list alone.
 */
describeEachStore('logout return addresses of the tenant', (harness) => {
  const backChannel = useBackChannel(harness);
  let appClientId: string;

  beforeAll(async () => {
    const bc = backChannel();
    await changeTenantSettings(bc.store.tenants, bc.tenant.name, { lifetimes: {}, allowedLogoutUrls: [TENANT_URL, BREAKS_THE_RULE] });
    appClientId = (await bc.addClient({ allowedLogoutUrls: [APP_URL] })).client.clientId;
  });

  const logout = (bc: BackChannel, path: string, query: Record<string, string>) => request(bc.app).get(path).set('Host', bc.host).query(query);

  it('/v2/logout without client_id returns to one of them, its query aside as for an application', async () => {
    const bc = backChannel();
    expect((await logout(bc, '/v2/logout', { returnTo: TENANT_URL }).expect(302)).headers.location).toBe(TENANT_URL);
    expect((await logout(bc, '/v2/logout', { returnTo: `${TENANT_URL}?see=you` }).expect(302)).headers.location).toBe(`${TENANT_URL}?see=you`);
  });

  it('/oidc/logout without client_id or id_token_hint returns to one of them exactly, with state', async () => {
    const bc = backChannel();
    const back = await logout(bc, '/oidc/logout', { post_logout_redirect_uri: TENANT_URL, state: 's1' }).expect(302);
    expect(back.headers.location).toBe(`${TENANT_URL}?state=s1`);
    await logout(bc, '/oidc/logout', { post_logout_redirect_uri: `${TENANT_URL}?see=you` }).expect(400);
  });

  it.each(['/v2/logout', '/oidc/logout'])("%s without client_id shows a page for an address the tenant does not list, an application's included", async (path) => {
    const bc = backChannel();
    for (const returnTo of [APP_URL, 'https://evil.example/bye']) {
      const response = await logout(bc, path, { returnTo }).expect(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain("not one of this service&#39;s own allowed logout URLs");
    }
  });

  it.each(['/v2/logout', '/oidc/logout'])('%s checks a request that names an application against its list alone', async (path) => {
    const bc = backChannel();
    const named = await logout(bc, path, { client_id: appClientId, returnTo: TENANT_URL }).expect(400);
    expect(named.text).toContain('not one of the allowed logout URLs of');
    const hint = await idTokenFor(bc, appClientId);
    await logout(bc, path, { id_token_hint: hint, returnTo: TENANT_URL }).expect(400);
    expect((await logout(bc, path, { id_token_hint: hint, returnTo: APP_URL }).expect(302)).headers.location).toBe(APP_URL);
  });

  it('never follows a listed address the URL rule refuses', async () => {
    const bc = backChannel();
    const response = await logout(bc, '/v2/logout', { returnTo: BREAKS_THE_RULE }).expect(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('is no longer accepted');
  });

  it("leaves another tenant's logout without client_id where it was: nothing listed, no redirect", async () => {
    const bc = backChannel();
    await request(bc.app).get('/v2/logout').set('Host', bc.other.host).query({ returnTo: TENANT_URL }).expect(400);
  });
});

function idTokenFor(bc: BackChannel, clientId: string): Promise<string> {
  return signJwt(tenantKeysFor(bc.deps), bc.tenant, {}, {
    typ: 'JWT',
    issuer: `${bc.tenantUrl}/`,
    audience: clientId,
    subject: 'fitbit|HINT',
    ttlSeconds: 3600,
    issuedAt: Math.floor(Date.now() / 1000) - 60,
  });
}
