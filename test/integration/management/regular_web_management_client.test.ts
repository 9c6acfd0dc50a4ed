import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import { useManagementHarness } from './harness.js';

// As at Auth0, a Regular Web App created today is confidential with client_credentials among its
// grant types, so once granted it both signs users in and calls the Management API with its own
// credentials (node-auth0's ManagementClient({ domain, clientId, clientSecret })). The token
// endpoint still refuses the grant to a client whose grant types leave it out, and to a public one.

const harness = useManagementHarness('regular-web-management-client');

function token(body: Record<string, string>) {
  return request(harness.apps[0]!).post('/oauth/token').set('Host', harness.host).send(body);
}

const audience = () => `http://${harness.host}/api/v2/`;

describe('a regular web application as the Management API client', () => {
  it('gets a Management API token with its own credentials once granted, and reads users with it', async () => {
    const admin = await harness.tokenWith(['create:clients', 'create:client_grants', 'update:clients']);
    const created = await harness.call('post', '/clients', admin, { name: 'Web shop', app_type: 'regular_web', callbacks: ['https://shop.example/callback'] });
    expect(created.status).toBe(201);
    expect(created.body.grant_types).toEqual(['authorization_code', 'implicit', 'refresh_token', 'client_credentials']);
    const credentials = { client_id: created.body.client_id as string, client_secret: created.body.client_secret as string };

    // Before the grant: Auth0's access_denied, not unauthorized_client.
    const ungranted = await token({ grant_type: 'client_credentials', ...credentials, audience: audience() });
    expect([ungranted.status, ungranted.body.error]).toEqual([403, 'access_denied']);

    await harness.call('post', '/client-grants', admin, { client_id: credentials.client_id, audience: audience(), scope: ['read:users'] }).expect(201);
    const issued = await token({ grant_type: 'client_credentials', ...credentials, audience: audience() });
    expect(issued.status).toBe(200);
    expect(issued.body.scope).toBe('read:users');
    await harness.call('get', '/users', issued.body.access_token as string).expect(200);

    // Taken out of its grant types, client_credentials is refused, grant or not.
    await harness
      .call('patch', `/clients/${credentials.client_id}`, admin, { grant_types: ['authorization_code', 'implicit', 'refresh_token'] })
      .expect(200);
    const withoutGrantType = await token({ grant_type: 'client_credentials', ...credentials, audience: audience() });
    expect([withoutGrantType.status, withoutGrantType.body.error]).toEqual([400, 'unauthorized_client']);
  });

  it('is still refused to a public application, whatever its grant types say', async () => {
    const admin = await harness.tokenWith(['create:clients', 'create:client_grants']);
    const grantTypes = ['authorization_code', 'refresh_token', 'client_credentials'];
    // The Management API no longer stores such grant types (public_client_credentials_refused.test.ts);
    // one stored before that rule still gets no token.
    await harness.call('post', '/clients', admin, { name: 'Browser app', app_type: 'spa', grant_types: grantTypes }).expect(400);
    const { client: spa } = await createClient(harness.store.clients, { tenant: harness.tenant.name, name: 'Browser app', appType: 'spa', grantTypes });
    expect(spa.tokenEndpointAuthMethod).toBe('none');

    const refused = await token({ grant_type: 'client_credentials', client_id: spa.clientId, audience: audience() });
    expect([refused.status, refused.body.error]).toEqual([400, 'unauthorized_client']);
    expect(refused.body.error_description).toBe('a public client cannot use client_credentials');
    // Nor can it be granted the Management API in the first place.
    const grant = await harness.call('post', '/client-grants', admin, { client_id: spa.clientId, audience: audience(), scope: ['read:users'] });
    expect(grant.status).toBe(400);
  });
});
