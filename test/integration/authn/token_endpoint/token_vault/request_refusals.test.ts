import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../../src/domain/clients.js';
import { TOKEN_VAULT_GRANT_TYPE } from '../../../../../src/domain/grant_types.js';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import type { User } from '../../../../../src/domain/types.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';

/**
 * What the Token Vault exchange refuses about the request itself, before any token is looked at: a
 * client whose grant types leave Token Vault out (the Grant Types of the dashboard and the Management
 * API's grant_types), a client without a secret, and a request missing Auth0's parameters or naming
 * token types other than Auth0's refresh-token exchange.
 */
describe('the Token Vault exchange refuses the request', () => {
  let alice: User;
  const { harness } = useHarnessWithEmulator('token-vault-request', {}, async (started) => {
    alice = await started.seedUser('alice');
  });

  it('refuses a client whose grant types leave it out: unauthorized_client', async () => {
    const user = alice;
    const app = await addVaultApp(harness, { grantTypes: ['authorization_code', 'refresh_token'] });
    const response = await exchange(harness, app, { subject_token: await refreshTokenFor(harness, app, user) }).expect(400);
    expect(response.body).toEqual({ error: 'unauthorized_client', error_description: `this client is not allowed to use the ${TOKEN_VAULT_GRANT_TYPE} grant` });
  });

  it('refuses a public client that holds it all the same: unauthorized_client', async () => {
    const user = alice;
    const { client } = await createClient(harness.store.clients, {
      tenant: harness.tenant.name,
      name: 'Public vault app',
      appType: 'native',
      tokenEndpointAuthMethod: 'none',
      grantTypes: ['authorization_code', 'refresh_token', TOKEN_VAULT_GRANT_TYPE],
    });
    const app = { client, secret: '' };
    const response = await exchange(harness, app, { client_secret: undefined, subject_token: await refreshTokenFor(harness, app, user) }).expect(400);
    expect(response.body).toEqual({ error: 'unauthorized_client', error_description: 'a public client cannot use the Token Vault grant' });
  });

  it('refuses a request missing a parameter, or naming another token type: invalid_request', async () => {
    const user = alice;
    const app = await addVaultApp(harness);
    const subject_token = await refreshTokenFor(harness, app, user);
    const cases: [Record<string, string | undefined>, string][] = [
      [{ subject_token: undefined }, 'subject_token is required'],
      [{ subject_token, subject_token_type: undefined }, 'subject_token_type is required'],
      [{ subject_token, connection: undefined }, 'connection is required'],
      [{ subject_token, subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' }, 'subject_token_type must be urn:ietf:params:oauth:token-type:refresh_token'],
      [{ subject_token, requested_token_type: 'urn:ietf:params:oauth:token-type:access_token' }, 'requested_token_type must be http://auth0.com/oauth/token-type/federated-connection-access-token'],
    ];
    for (const [params, description] of cases) {
      const response = await exchange(harness, app, params);
      expect({ params, status: response.status, body: response.body }).toEqual({ params, status: 400, body: { error: 'invalid_request', error_description: description } });
    }
    const accessTokenSubject = await exchange(harness, app, { subject_token, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' }).expect(400);
    expect(accessTokenSubject.body.error).toBe('invalid_request');
    await exchange(harness, app, { subject_token, requested_token_type: undefined }).expect(200);
  });
});
