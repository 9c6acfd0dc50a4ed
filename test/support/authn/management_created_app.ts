import request from 'supertest';
import { basicAuth, CALLBACK, type BackChannel } from './back_channel_fixture.js';

/** An application as POST /api/v2/clients answers it, with what a token request needs to act as it. */
export interface CreatedApp {
  clientId: string;
  /** Client authentication for /oauth/token: Basic for a confidential app, client_id in the body for a public one. */
  authorization?: string;
  clientParams: Record<string, string>;
  json: { refresh_token: Record<string, unknown>; jwt_configuration: Record<string, unknown> };
}

/**
 * Creates an application the way an automation script does: a machine-to-machine client gets a
 * Management API token by client_credentials and POSTs /api/v2/clients with no token settings, so
 * the application gets whatever fitgate gives a new one by default.
 */
export async function createAppByManagementApi(bc: BackChannel, body: Record<string, unknown>): Promise<CreatedApp> {
  const { client, secret } = await bc.addClient({ appType: 'non_interactive', name: 'Automation', grantTypes: ['client_credentials'], managementScopes: ['create:clients'] });
  const granted = await bc.token({ grant_type: 'client_credentials', audience: `${bc.tenantUrl}/api/v2/` }, basicAuth(client.clientId, secret)).expect(200);
  const created = await request(bc.app)
    .post('/api/v2/clients')
    .set('Host', bc.host)
    .set('Authorization', `Bearer ${String(granted.body.access_token)}`)
    .send({ callbacks: [CALLBACK], ...body })
    .expect(201);
  const { client_id: clientId, client_secret: clientSecret } = created.body as { client_id: string; client_secret?: string };
  return {
    clientId,
    ...(clientSecret ? { authorization: basicAuth(clientId, clientSecret) } : {}),
    clientParams: clientSecret ? {} : { client_id: clientId },
    json: created.body,
  };
}
