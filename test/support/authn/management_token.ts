import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import type { ManagementApiScope } from '../../../src/domain/management_scopes.js';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import type { FrontChannel } from './front_channel_fixture.js';

/**
 * A Management API token of the fixture's tenant carrying exactly `scopes`, got as a customer gets
 * one: a machine-to-machine application granted them, and client_credentials at /oauth/token.
 */
export async function managementToken(fitgate: FrontChannel, scopes: readonly ManagementApiScope[]): Promise<string> {
  const { client, clientSecret } = await createClient(fitgate.store.clients, {
    tenant: fitgate.tenant,
    name: `Automation ${scopes.join(' ')}`.slice(0, 128),
    appType: 'non_interactive',
    managementScopes: [...scopes],
  });
  const issued = await request(fitgate.url)
    .post('/oauth/token')
    .set('Host', new URL(fitgate.tenantUrl).host)
    .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience: managementApiAudience(fitgate.tenantUrl) })
    .expect(200);
  return String(issued.body.access_token);
}

/** A Management API request to the fixture's tenant with `token`. */
export function managementCall(fitgate: FrontChannel, method: 'delete' | 'patch', path: string, token: string): request.Test {
  return request(fitgate.url)[method](`/api/v2${path}`).set('Host', new URL(fitgate.tenantUrl).host).set('Authorization', `Bearer ${token}`);
}
