import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A public application (token_endpoint_auth_method none) holds no client grant
 * (domain/client_grants.ts: clientGrantRefusal). PATCH /api/v2/clients/{id} that would make public an
 * application holding one, granted in the dashboard or through /api/v2/client-grants, is refused as
 * client_credentials is for a public client: a 400 `invalid_body` saying how out, nothing stored,
 * even when its grant types lack client_credentials. Once the grant is revoked (either way) the
 * same PATCH is taken. The dashboard has no way to make an application public.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;
const USER_GRANTS = ['authorization_code', 'refresh_token'];

/** A regular web application without client_credentials, created through the API. */
async function regularWebApp(name: string): Promise<string> {
  const created = await both.api('post', '/clients', { name, app_type: 'regular_web', grant_types: USER_GRANTS, refresh_token: { rotation_type: 'rotating' } }).expect(201);
  return String((created.body as { client_id: string }).client_id);
}

const makePublic = (clientId: string) => both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { token_endpoint_auth_method: 'none' });

function refusal(clientId: string) {
  const grantId = `cgr_${clientId}`;
  return {
    statusCode: 400,
    error: 'Bad Request',
    errorCode: 'invalid_body',
    message:
      `Invalid token_endpoint_auth_method: none. A public client cannot use client_credentials, so it holds no client grant, and this client holds ${grantId}: ` +
      `delete that client grant first (DELETE /api/v2/client-grants/${encodeURIComponent(grantId)}), or set token_endpoint_auth_method to client_secret_post or client_secret_basic.`,
  };
}

describe('making public an application that holds a Management API grant', () => {
  it('is refused for a grant made in the dashboard, storing nothing, and taken once the dashboard revoked it', async () => {
    const clientId = await regularWebApp('Granted in the dashboard');
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    expect((await both.form(page, `${page}/management-api`, { intent: 'authorize', scope: ['read:users'] })).status).toBe(303);

    const refused = await makePublic(clientId);
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 400, body: refusal(clientId) });
    expect(await both.harness().store.clients.get(TENANT, clientId)).toMatchObject({
      tokenEndpointAuthMethod: 'client_secret_post',
      managementScopes: ['read:users'],
      clientSecretHash: expect.any(String),
    });

    expect((await both.form(page, `${page}/management-api/revoke`, { confirm: 'on' })).status).toBe(303);
    expect((await makePublic(clientId).expect(200)).body).toMatchObject({ token_endpoint_auth_method: 'none' });
  });

  it('is refused for a grant of no scope made through the API, and taken once the API deleted it', async () => {
    const clientId = await regularWebApp('Granted through the API');
    await both.api('post', '/client-grants', { client_id: clientId, audience: `http://localhost:3000/api/v2/`, scope: [] }).expect(201);

    const refused = await makePublic(clientId);
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 400, body: refusal(clientId) });
    expect((await both.harness().store.clients.get(TENANT, clientId))?.tokenEndpointAuthMethod).toBe('client_secret_post');

    await both.api('delete', `/client-grants/cgr_${encodeURIComponent(clientId)}`).expect(204);
    await makePublic(clientId).expect(200);
  });
});
