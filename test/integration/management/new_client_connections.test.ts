import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-new-client-connections', async (started) => {
  admin = await started.tokenWith(['create:clients', 'read:connections']);
});

const CALLBACK = 'https://app.example/callback';

/** /authorize for the client, without naming a connection: the Universal Login page lists the enabled ones. */
function authorize(clientId: string) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: CALLBACK,
    scope: 'openid',
    state: 'st',
    // PKCE, which public applications (spa, native) must send.
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  return request(harness.apps[0]!).get(`/authorize?${query}`).set('Host', harness.host);
}

/**
 * Auth0's tenant flag enable_client_connections (on by default): POST /clients enables every
 * connection of the tenant for a new application that signs users in, so its first login works.
 */
describe('POST /clients and the tenant’s connections', () => {
  const enabledOnConnection = async (clientId: string) =>
    (await harness.store.connections.getStored(harness.tenant.name, harness.connection.id))!.enabledClients.includes(clientId);

  it.each(['regular_web', 'spa', 'native'])('enables every connection for a new %s application, whose /authorize then reaches the login', async (appType) => {
    const created = await harness.call('post', '/clients', admin, { name: `New ${appType}`, app_type: appType, callbacks: [CALLBACK] });
    expect(created.status).toBe(201);
    const clientId = created.body.client_id as string;

    expect(await enabledOnConnection(clientId)).toBe(true);
    const listed = await harness.call('get', `/connections/${harness.connection.id}/clients`, admin);
    expect(listed.body.clients).toContainEqual({ client_id: clientId });
    const answer = await authorize(clientId);
    expect(`${answer.headers.location ?? ''} ${answer.text}`).not.toContain('No connection is enabled');
    // The Universal Login page, listing the connection, instead of the refusal sent to the callback.
    expect(answer.headers.location).toBeUndefined();
    expect(answer.status).toBe(200);
  });

  it('enables no connection for a machine-to-machine application, which signs no user in', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Robot', app_type: 'non_interactive' });
    expect(created.status).toBe(201);
    expect(await enabledOnConnection(created.body.client_id as string)).toBe(false);
  });
});
