import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A public application (token_endpoint_auth_method none) holds no client grant (domain/client_grants.ts:
 * clientGrantRefusal). One made public while it held a grant (PATCH /api/v2/clients/{id}) keeps it
 * until it is taken away, and meanwhile neither way changes its scopes, the dashboard's Update
 * permissions nor PATCH /api/v2/client-grants/{id}: a grant widened then would work again the moment
 * the application is given a secret. Both ways still take the grant away.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

/** A machine-to-machine application made public while it held a grant of read:users. */
async function publicWithGrant(): Promise<string> {
  const { client } = await createClient(both.harness().store.clients, {
    tenant: TENANT,
    name: 'Public robot',
    appType: 'non_interactive',
    tokenEndpointAuthMethod: 'none',
    grantTypes: [],
    managementScopes: ['read:users'],
  });
  return client.clientId;
}

const scopesOf = async (clientId: string) => (await both.harness().store.clients.get(TENANT, clientId))?.managementScopes;

describe("a public application's Management API grant, in the dashboard and the Management API", () => {
  it('refuses to change its scopes both ways, storing nothing', async () => {
    const ticked = await publicWithGrant();
    const page = `${apps}/${encodeURIComponent(ticked)}`;
    const refused = await both.form(page, `${page}/management-api`, { intent: 'update', scope: ['read:users', 'delete:users'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('A public client cannot use client_credentials');

    const sent = await publicWithGrant();
    const answered = await both.api('patch', `/client-grants/cgr_${encodeURIComponent(sent)}`, { scope: ['read:users', 'delete:users'] });
    expect(answered.status).toBe(400);
    expect(answered.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      errorCode: 'invalid_body',
      message: expect.stringMatching(/^Payload validation error: 'A public client cannot use client_credentials: .*' on property scope\.$/),
    });

    expect(await scopesOf(ticked)).toEqual(['read:users']);
    expect(await scopesOf(sent)).toEqual(['read:users']);
  });

  it('takes the grant away both ways', async () => {
    const revoked = await publicWithGrant();
    const page = `${apps}/${encodeURIComponent(revoked)}`;
    expect((await both.form(page, `${page}/management-api/revoke`, { confirm: 'on' })).status).toBe(303);

    const deleted = await publicWithGrant();
    await both.api('delete', `/client-grants/cgr_${encodeURIComponent(deleted)}`).expect(204);

    for (const clientId of [revoked, deleted]) {
      expect(await both.harness().store.clients.get(TENANT, clientId)).toMatchObject({ managementScopes: [], managementGrant: false });
    }
  });
});
