import { sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { tenantKeysFor } from '../../src/authn/keys/tenant_keys.js';
import { createClient } from '../../src/domain/clients.js';
import { buildTenant, managementApiAudience, tenantUrl } from '../../src/domain/tenants.js';
import type { Tenant } from '../../src/domain/types.js';
import { useJwtBearerApi } from '../support/compat/use_jwt_bearer_api.js';

// An API trusting one fitgate tenant (express-oauth2-jwt-bearer's defaults, issuerBaseURL the
// tenant's URL) refuses what another tenant of the same fitgate signed: that tenant's own
// client_credentials token, and a token copying this tenant's iss, aud and kid but signed with the
// other tenant's key. Each tenant's JWKS publishes its own keys only.
describe('express-oauth2-jwt-bearer with its defaults: a token signed by another tenant', () => {
  const setup = useJwtBearerApi({ granted: ['read:users'], requiredScope: 'read:users' });
  let other: Tenant;
  let otherMachine: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    const { store, deps } = setup.fitgate;
    other = await buildTenant(`acme${Date.now().toString(36)}`, deps.sealer);
    await store.tenants.create(other);
    const { client, clientSecret } = await createClient(store.clients, { tenant: other.name, name: 'acme worker', appType: 'non_interactive', managementScopes: ['read:users'] });
    otherMachine = { clientId: client.clientId, clientSecret: clientSecret! };
  });

  it("refuses the other tenant's own client_credentials token", async () => {
    const otherUrl = new URL(tenantUrl(setup.fitgate.deps.config, other.name));
    // To fitgate as the TLS proxy forwards a request for https://NAME.localhost:PORT.
    const issued = await request(setup.fitgate.deps.internalBaseUrl())
      .post('/oauth/token')
      .set({ host: otherUrl.host, 'x-forwarded-proto': 'https' })
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: otherMachine.clientId, client_secret: otherMachine.clientSecret, audience: managementApiAudience(otherUrl.origin) });
    expect(issued.status).toBe(200);
    const token = (issued.body as { access_token: string }).access_token;
    expect(decodeJwt(token).iss).toBe(`${otherUrl.origin}/`);

    const answer = await setup.call('/tenant-api/private', token);

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'invalid_token', error: 'no applicable key found in the JSON Web Key Set' });
  });

  it("refuses a token with this tenant's iss, aud and kid signed by the other tenant's key", async () => {
    const genuine = await setup.clientCredentials();
    const [header, payload] = genuine.split('.');
    const { key } = await tenantKeysFor(setup.fitgate.deps).signer(other);
    const forged = `${header}.${payload}.${sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url')}`;
    expect(decodeProtectedHeader(forged).kid).toBe(decodeProtectedHeader(genuine).kid);

    const answer = await setup.call('/tenant-api/private', forged);

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'invalid_token', error: 'signature verification failed' });
    expect((await setup.call('/tenant-api/private', genuine)).status).toBe(200);
  });
});
