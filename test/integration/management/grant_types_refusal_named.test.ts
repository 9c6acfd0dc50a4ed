import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-grant-types-refusal-named', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

/**
 * The Management API's refusal of grant types comes from the rule (domain/grant_types.ts:
 * grantTypeVerdict): it names the grant types the application may not hold, and no other it was
 * sent, with the rule's reason; and a grant type the rule says only that the type has no use for is
 * stored, as Auth0's Management API stores it, so no refusal names it. Status and code stay Auth0's
 * 400 invalid_body.
 */
describe('the grant types a client is refused', () => {
  const publicClientCredentials =
    'Invalid grant types: client_credentials. A public client (token_endpoint_auth_method none) has no secret to use client_credentials with: ' +
    'remove client_credentials from grant_types, or set token_endpoint_auth_method to client_secret_post or client_secret_basic.';

  it.each([
    ['a public regular web application', { app_type: 'regular_web', token_endpoint_auth_method: 'none' }],
    ['a public machine-to-machine application', { app_type: 'non_interactive', token_endpoint_auth_method: 'none' }],
  ])('are named for %s, client_credentials alone of those sent, with why', async (_case, body) => {
    const grantTypes = ['refresh_token', 'client_credentials', 'authorization_code', 'implicit'];
    const refused = await harness.call('post', '/clients', admin, { name: 'Refused', ...body, grant_types: grantTypes });
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body', message: publicClientCredentials },
    });
  });

  it('are none of those the type has no use for, which are stored', async () => {
    const machine = await harness
      .call('post', '/clients', admin, { name: 'Machine', app_type: 'non_interactive', grant_types: ['client_credentials', 'authorization_code'] })
      .expect(201);
    expect(machine.body.grant_types).toEqual(['client_credentials', 'authorization_code']);

    const nativeApp = await harness
      .call('post', '/clients', admin, { name: 'Native', app_type: 'native', token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code', 'client_credentials'] })
      .expect(201);
    expect(nativeApp.body.grant_types).toEqual(['authorization_code', 'client_credentials']);
  });
});
