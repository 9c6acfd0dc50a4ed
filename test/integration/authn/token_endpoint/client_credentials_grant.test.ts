import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { verifyAccessToken } from '../../../../src/authn/tokens/verify_access_token.js';
import { basicAuth, useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('client_credentials for the Management API', (harness) => {
  const backChannel = useBackChannel(harness);

  async function machine(managementScopes = ['read:users', 'read:logs']) {
    const bc = backChannel();
    const { client, secret } = await bc.addClient({ appType: 'non_interactive', name: 'CI', managementScopes });
    return { bc, client, auth: basicAuth(client.clientId, secret), audience: `${bc.tenantUrl}/api/v2/` };
  }

  it('issues a Management API token carrying the client scopes, which verifyAccessToken accepts', async () => {
    const { bc, client, auth, audience } = await machine();
    const response = await bc.token({ grant_type: 'client_credentials', audience }, auth).expect(200);
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read:users read:logs' });
    expect(response.body.id_token).toBeUndefined();
    expect(response.body.refresh_token).toBeUndefined();

    const verified = await verifyAccessToken(bc.deps, { tenant: bc.tenant, tenantUrl: bc.tenantUrl }, response.body.access_token, audience);
    expect(verified).toMatchObject({ subject: `${client.clientId}@clients`, clientId: client.clientId, scope: ['read:users', 'read:logs'] });
    expect(verified.claims.gty).toBe('client-credentials');
    // One audience, a string, as in Auth0's machine-to-machine tokens.
    expect(verified.claims.aud).toBe(audience);
  });

  it('narrows the token to the scopes asked for, and refuses scopes the client was not granted', async () => {
    const { bc, auth, audience } = await machine();
    const narrowed = await bc.token({ grant_type: 'client_credentials', audience, scope: 'read:logs' }, auth).expect(200);
    expect(narrowed.body.scope).toBe('read:logs');
    // Auth0's answer, not RFC 6749 §5.2's invalid_scope: scripts written against Auth0 test for it.
    const wider = await bc.token({ grant_type: 'client_credentials', audience, scope: 'read:logs delete:users' }, auth).expect(403);
    expect(wider.body).toEqual({ error: 'access_denied', error_description: 'Client has not been granted scopes: delete:users' });
  });

  it('refuses an audience other than the tenant Management API, and a missing one', async () => {
    const { bc, auth } = await machine();
    const foreign = await bc.token({ grant_type: 'client_credentials', audience: 'https://api.example/' }, auth).expect(403);
    expect(foreign.body.error).toBe('access_denied');
    const otherTenant = await bc
      .token({ grant_type: 'client_credentials', audience: `http://${bc.other.host}/api/v2/` }, auth)
      .expect(403);
    expect(otherTenant.body.error).toBe('access_denied');
    const missing = await bc.token({ grant_type: 'client_credentials' }, auth).expect(400);
    expect(missing.body.error).toBe('invalid_request');
  });

  it('refuses a machine client that was granted no Management API scope', async () => {
    const { bc, auth, audience } = await machine([]);
    const response = await bc.token({ grant_type: 'client_credentials', audience }, auth).expect(403);
    expect(response.body.error).toBe('access_denied');
  });

  it('does not accept a Management API token where a userinfo token is expected', async () => {
    const { bc, auth, audience } = await machine();
    const response = await bc.token({ grant_type: 'client_credentials', audience }, auth).expect(200);
    await expect(
      verifyAccessToken(bc.deps, { tenant: bc.tenant, tenantUrl: bc.tenantUrl }, response.body.access_token, `${bc.tenantUrl}/userinfo`),
    ).rejects.toMatchObject({ reason: 'invalid' });
  });
});
