import { describe, expect, it } from '@jest/globals';
import { updateConnection } from '../../../../../src/domain/connection_updates.js';
import { DEMO } from '../../../../support/emulator.js';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';
import { legacyRefreshRequests } from '../../../vault/upstream_counters.js';

/**
 * Once an administrator moved the connection to another upstream API, the tokens stored from the API
 * it left are handed to nobody (docs/management-api.md, connection_api_changed), the Token Vault
 * exchange included, even while the stored access token has hours left: the answer is invalid_grant
 * (the user must log in again through the new API), and nothing is sent to the old API.
 */
describe('the Token Vault exchange after the connection moved to another API', () => {
  const { harness, emulator } = useHarnessWithEmulator('token-vault-api-changed');

  it('hands out none of the tokens the old API issued', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 8 * 3600 });
    const app = await addVaultApp(harness);
    const subject_token = await refreshTokenFor(harness, app, user);
    const legacy = (await harness.store.connections.getByName(harness.tenant.name, 'fitbit'))!;
    const google = DEMO.googleServer;
    await updateConnection(harness.store.connections, legacy.tenant, legacy.id, (current) => ({
      ...current,
      options: { ...current.options, api: 'google-health', clientId: google.clientId, clientSecret: harness.deps[0]!.sealer.seal(google.clientSecret) },
      updatedAt: new Date().toISOString(),
    }));
    const legacyRefreshesBefore = legacyRefreshRequests(emulator);

    const responses = await Promise.all([1, 2].map(() => exchange(harness, app, { subject_token })));

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_grant');
      expect(response.body).not.toHaveProperty('access_token');
    }
    expect(legacyRefreshRequests(emulator)).toBe(legacyRefreshesBefore);
  });
});
