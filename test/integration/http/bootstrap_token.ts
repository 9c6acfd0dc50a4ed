import { expect } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';

/**
 * A Management API token for the bootstrap client (FITGATE_BOOTSTRAP_CLIENT_ID/SECRET), got as an
 * operator gets it: client_credentials at the tenant's /oauth/token, the tenant named by `host`.
 */
export async function bootstrapToken(app: Express, host: string, client: { id: string; secret: string }): Promise<string> {
  const issued = await clientCredentials(app, host, client);
  expect(issued.status).toBe(200);
  return issued.body.access_token as string;
}

/** That client_credentials request itself, whatever it is answered (a 503 during an outage, a 429). */
export function clientCredentials(app: Express, host: string, client: { id: string; secret: string }): request.Test {
  return request(app).post('/oauth/token').set('Host', host).send({
    grant_type: 'client_credentials',
    client_id: client.id,
    client_secret: client.secret,
    audience: `http://${host}/api/v2/`,
  });
}
