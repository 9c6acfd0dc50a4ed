import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-public-client-credentials-refused', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

const REFUSAL = {
  statusCode: 400,
  error: 'Bad Request',
  errorCode: 'invalid_body',
  message:
    'Invalid grant types: client_credentials. A public client (token_endpoint_auth_method none) has no secret to use client_credentials with: ' +
    'remove client_credentials from grant_types, or set token_endpoint_auth_method to client_secret_post or client_secret_basic.',
};

const USER_GRANTS = ['authorization_code', 'implicit', 'refresh_token'];

/**
 * client_credentials needs a confidential client (domain/grant_types.ts): a public one
 * (token_endpoint_auth_method none) has no secret to ask for tokens with. As at Auth0, a POST or
 * PATCH that would store a public client holding it is a 400 saying how to fix it, and stores
 * nothing; the rule is the method's, not the type's.
 */
describe('client_credentials for a public client', () => {
  const storedClients = async () => (await harness.store.clients.list(harness.tenant.name, { page: 0, perPage: 100 })).items;

  async function created(body: Record<string, unknown>): Promise<{ id: string; body: Record<string, unknown> }> {
    const answer = await harness.call('post', '/clients', admin, { name: 'Client', ...body }).expect(201);
    return { id: encodeURIComponent(answer.body.client_id as string), body: answer.body as Record<string, unknown> };
  }

  it.each([
    ['a single-page application', { app_type: 'spa' }],
    ['a native application', { app_type: 'native' }],
    ['a regular web application created public', { app_type: 'regular_web', token_endpoint_auth_method: 'none' }],
    ['a machine-to-machine application created public', { app_type: 'non_interactive', token_endpoint_auth_method: 'none' }],
  ])('is refused on POST for %s, and nothing is created', async (_case, body) => {
    const before = (await storedClients()).length;
    const refused = await harness.call('post', '/clients', admin, { name: 'Refused', ...body, grant_types: ['authorization_code', 'client_credentials'] });
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 400, body: REFUSAL });
    expect(await storedClients()).toHaveLength(before);
  });

  it('is left out of the defaults of an application created public, and allowed for one given a secret, whatever its type', async () => {
    expect((await created({ app_type: 'regular_web', token_endpoint_auth_method: 'none' })).body.grant_types).toEqual(USER_GRANTS);
    const confidentialSpa = await created({ app_type: 'spa', token_endpoint_auth_method: 'client_secret_post', grant_types: [...USER_GRANTS, 'client_credentials'] });
    expect(confidentialSpa.body.grant_types).toEqual([...USER_GRANTS, 'client_credentials']);
  });

  it('is refused on a PATCH that adds it to a public client, which stays as it was', async () => {
    const { id } = await created({ app_type: 'spa' });
    const refused = await harness.call('patch', `/clients/${id}`, admin, { name: 'Renamed', grant_types: [...USER_GRANTS, 'client_credentials'] }).expect(400);
    expect(refused.body).toEqual(REFUSAL);
    expect((await harness.call('get', `/clients/${id}`, admin).expect(200)).body).toMatchObject({ name: 'Client', grant_types: USER_GRANTS });
  });

  it('refuses a PATCH that makes public a client holding it, rather than dropping it, and accepts one that takes it out too', async () => {
    const { id } = await created({ app_type: 'regular_web', refresh_token: { rotation_type: 'rotating' } });
    const refused = await harness.call('patch', `/clients/${id}`, admin, { token_endpoint_auth_method: 'none' }).expect(400);
    expect(refused.body).toEqual(REFUSAL);
    expect((await harness.call('get', `/clients/${id}`, admin).expect(200)).body).toMatchObject({
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: [...USER_GRANTS, 'client_credentials'],
    });

    const patched = await harness.call('patch', `/clients/${id}`, admin, { token_endpoint_auth_method: 'none', grant_types: USER_GRANTS }).expect(200);
    expect(patched.body).toMatchObject({ token_endpoint_auth_method: 'none', grant_types: USER_GRANTS });
  });

  it('stored before the rule, must be taken out by its next PATCH, which says how', async () => {
    const { client } = await createClient(harness.store.clients, {
      tenant: harness.tenant.name,
      name: 'Old front end',
      appType: 'spa',
      grantTypes: [...USER_GRANTS, 'client_credentials'],
    });
    const id = encodeURIComponent(client.clientId);

    expect((await harness.call('patch', `/clients/${id}`, admin, { description: 'renamed' }).expect(400)).body).toEqual(REFUSAL);
    await harness.call('patch', `/clients/${id}`, admin, { description: 'renamed', grant_types: USER_GRANTS }).expect(200);
  });
});
