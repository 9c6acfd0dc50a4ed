import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../../src/domain/clients.js';
import { TOKEN_VAULT_GRANT_TYPE } from '../../../../../src/domain/grant_types.js';
import { TOKEN_VAULT_PARAMS, addVaultApp, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { OTHER_TENANT, useHarnessWithEmulator } from '../../../management/harness.js';

/**
 * Tenants share nothing through the Token Vault exchange: an application of one tenant is unknown at
 * another's host, and another tenant's application that holds a refresh token of this one (leaked to
 * it) gets Auth0's unknown-token answer, not the user's upstream token.
 */
describe('the Token Vault exchange across tenants', () => {
  const { harness } = useHarnessWithEmulator('token-vault-other-tenant');

  it("refuses an application at another tenant's host, and another tenant's application with this tenant's token", async () => {
    const user = await harness.seedUser('alice');
    const app = await addVaultApp(harness);
    const subject_token = await refreshTokenFor(harness, app, user);
    const { client: foreign, clientSecret } = await createClient(harness.store.clients, {
      tenant: OTHER_TENANT,
      name: 'Globex vault app',
      appType: 'regular_web',
      callbacks: ['https://globex.example/callback'],
      grantTypes: ['authorization_code', 'refresh_token', TOKEN_VAULT_GRANT_TYPE],
    });
    const at = (host: string, clientId: string, secret: string) =>
      request(harness.apps[0]!).post('/oauth/token').set('Host', host).type('form').send({ ...TOKEN_VAULT_PARAMS, client_id: clientId, client_secret: secret, subject_token });

    const wrongHost = await at(harness.otherHost, app.client.clientId, app.secret);
    expect(wrongHost.status).toBe(401);
    expect(wrongHost.body.error).toBe('invalid_client');
    const foreignApp = await at(harness.otherHost, foreign.clientId, clientSecret!);
    expect({ status: foreignApp.status, body: foreignApp.body }).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } });
    await at(harness.host, app.client.clientId, app.secret).expect(200);
  });
});
