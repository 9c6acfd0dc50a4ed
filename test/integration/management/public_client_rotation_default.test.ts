import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-public-client-rotation-default', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients']);
});

/**
 * A public client redeems its refresh tokens with its client_id alone, so a new one gets rotating
 * refresh tokens whatever its app_type; a confidential regular web application keeps Auth0's
 * non-rotating default.
 */
describe('the refresh token rotation a new public client gets', () => {
  it('is rotating for a regular web application created with token_endpoint_auth_method none, and stored so', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Front end', app_type: 'regular_web', token_endpoint_auth_method: 'none' }).expect(201);

    expect(created.body).toMatchObject({ token_endpoint_auth_method: 'none', refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring', leeway: 0 } });
    const stored = await harness.store.clients.get(harness.tenant.name, created.body.client_id as string);
    expect(stored!.refreshTokenPolicy).toMatchObject({ rotationType: 'rotating', leewaySeconds: 0 });
  });

  it('stays rotating when a partial refresh_token is merged over it', async () => {
    const created = await harness
      .call('post', '/clients', admin, { name: 'Front end', app_type: 'non_interactive', token_endpoint_auth_method: 'none', grant_types: [], refresh_token: { leeway: 5 } })
      .expect(201);
    expect(created.body.refresh_token).toMatchObject({ rotation_type: 'rotating', leeway: 5 });
  });

  it('is still non-rotating for a confidential regular web application, as at Auth0', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Server', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post' }).expect(201);
    expect(created.body.refresh_token).toMatchObject({ rotation_type: 'non-rotating' });
  });
});
