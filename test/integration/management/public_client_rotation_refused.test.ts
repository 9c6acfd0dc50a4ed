import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-public-client-rotation-refused', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

const REFUSAL = {
  statusCode: 400,
  error: 'Bad Request',
  errorCode: 'invalid_body',
  message:
    "Payload validation error: 'A public client (token_endpoint_auth_method none) must have rotating refresh tokens (OAuth 2.0 Security BCP): set refresh_token.rotation_type to rotating' on property refresh_token.rotation_type.",
};

/**
 * A client that would be public with non-rotating refresh tokens is refused (a stricter rule than
 * Auth0's), unless the same request makes them rotate; nothing is stored by a refused request.
 */
describe('a public client with non-rotating refresh tokens', () => {
  async function confidentialNonRotating(): Promise<string> {
    const created = await harness.call('post', '/clients', admin, { name: 'Server', app_type: 'regular_web' }).expect(201);
    expect(created.body.refresh_token.rotation_type).toBe('non-rotating');
    return encodeURIComponent(created.body.client_id as string);
  }

  it('is refused when a PATCH makes a non-rotating client public, and the client stays as it was', async () => {
    const id = await confidentialNonRotating();
    const refused = await harness.call('patch', `/clients/${id}`, admin, { token_endpoint_auth_method: 'none' }).expect(400);

    expect(refused.body).toEqual(REFUSAL);
    const stored = (await harness.call('get', `/clients/${id}`, admin).expect(200)).body;
    expect(stored).toMatchObject({ token_endpoint_auth_method: 'client_secret_post', refresh_token: { rotation_type: 'non-rotating' } });
  });

  it('is accepted when the same PATCH sets rotation_type rotating', async () => {
    const id = await confidentialNonRotating();
    const patched = await harness
      // Without client_credentials too, which a public client may not hold (public_client_credentials_refused.test.ts).
      .call('patch', `/clients/${id}`, admin, { token_endpoint_auth_method: 'none', refresh_token: { rotation_type: 'rotating' }, grant_types: ['authorization_code', 'refresh_token'] })
      .expect(200);
    expect(patched.body).toMatchObject({ token_endpoint_auth_method: 'none', refresh_token: { rotation_type: 'rotating' } });
  });

  it('is refused when a PATCH makes a public client non-rotating', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'SPA', app_type: 'spa' }).expect(201);
    const refused = await harness.call('patch', `/clients/${encodeURIComponent(created.body.client_id as string)}`, admin, { refresh_token: { rotation_type: 'non-rotating' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(REFUSAL);
  });

  it('is refused on POST too, for a type public by default or by token_endpoint_auth_method', async () => {
    const nonRotating = { refresh_token: { rotation_type: 'non-rotating' } };
    for (const body of [{ app_type: 'spa' }, { app_type: 'native' }, { app_type: 'regular_web', token_endpoint_auth_method: 'none' }]) {
      const refused = await harness.call('post', '/clients', admin, { name: 'Public', ...body, ...nonRotating });
      expect({ body, status: refused.status, answer: refused.body }).toEqual({ body, status: 400, answer: REFUSAL });
    }
    // A confidential single-page application is not public: Auth0's choice of rotation stays its own.
    await harness.call('post', '/clients', admin, { name: 'Confidential', app_type: 'spa', token_endpoint_auth_method: 'client_secret_post', ...nonRotating }).expect(201);
  });

  it('stored before the rule, must be made rotating by its next PATCH, which says how', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Old front end', app_type: 'regular_web', token_endpoint_auth_method: 'none' }).expect(201);
    const stored = await harness.store.clients.get(harness.tenant.name, created.body.client_id as string);
    await harness.store.clients.update({ ...stored!, refreshTokenPolicy: { ...stored!.refreshTokenPolicy!, rotationType: 'non-rotating' } });
    const id = encodeURIComponent(created.body.client_id as string);

    expect((await harness.call('patch', `/clients/${id}`, admin, { description: 'renamed' }).expect(400)).body).toEqual(REFUSAL);
    await harness.call('patch', `/clients/${id}`, admin, { description: 'renamed', refresh_token: { rotation_type: 'rotating' } }).expect(200);
  });
});
