import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import { appOnOwnTenant, type AppOnOwnTenant } from '../../support/app_on_own_tenant.js';
import { describeEachStore } from '../../support/stores.js';

// A small limit, so it is reached in a few requests; the token requests have a budget of their own.
const LIMITS = { FITGATE_RATE_LIMITS: 'on', FITGATE_RATE_LIMIT_MANAGEMENT_PER_CLIENT: '2/60' };

describeEachStore('the Management API rate limit', (h) => {
  let limited: AppOnOwnTenant;

  beforeAll(async () => {
    limited = await appOnOwnTenant(h.store(), 'mgmtlimit', LIMITS);
  });

  /** A new machine-to-machine application of the tenant, and a Management API token of it. */
  async function robotToken(): Promise<string> {
    const { client, clientSecret } = await createClient(h.store().clients, {
      tenant: limited.tenant,
      name: 'Robot',
      appType: 'non_interactive',
      managementScopes: ['read:clients'],
    });
    const issued = await request(limited.app)
      .post('/oauth/token')
      .set('Host', limited.host)
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret ?? '', audience: `http://${limited.host}/api/v2/` })
      .expect(200);
    return issued.body.access_token as string;
  }
  const listClients = (token: string) => request(limited.app).get('/api/v2/clients').set('Host', limited.host).set('Authorization', `Bearer ${token}`);

  it("counts each application's requests, then answers Auth0's 429 with Retry-After", async () => {
    const token = await robotToken();
    for (let i = 0; i < 2; i += 1) {
      const answer = await listClients(token).expect(200);
      expect(answer.headers['x-ratelimit-limit']).toBe('2');
    }
    const refused = await listClients(token).expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Too many requests from this application; retry after \d+ seconds?\.$/),
      errorCode: 'too_many_requests',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('leaves every other application its own budget', async () => {
    const spent = await robotToken();
    for (let i = 0; i < 3; i += 1) await listClients(spent);
    await listClients(await robotToken()).expect(200);
  });

  it('spends nothing for a request without a valid token', async () => {
    const token = await robotToken();
    for (let i = 0; i < 3; i += 1) await listClients(`${token}x`).expect(401);
    await listClients(token).expect(200);
  });
});
