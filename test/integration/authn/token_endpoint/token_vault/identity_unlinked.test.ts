import { describe, expect, it } from '@jest/globals';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';
import { legacyRefreshRequests } from '../../../vault/upstream_counters.js';

let admin: string;

/**
 * An identity an administrator unlinked (DELETE /api/v2/users/{id}/identities/...) has had its
 * tokens removed and revoked: the Token Vault exchange, with the user's refresh token still live,
 * gets no upstream token for it from then on (invalid_grant: the user must log in again), and asks
 * the upstream for none.
 */
describe('the Token Vault exchange after the identity was unlinked', () => {
  const { harness, emulator } = useHarnessWithEmulator('token-vault-unlinked', {}, async (started) => {
    admin = await started.tokenWith(['update:users']);
  });

  it('hands out no upstream token', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 3600 });
    const app = await addVaultApp(harness);
    const token = await refreshTokenFor(harness, app, user);
    const identity = user.identities[0]!;
    await exchange(harness, app, { subject_token: token }).expect(200);

    await harness.call('delete', `/users/${encodeURIComponent(user.userId)}/identities/${identity.provider}/${identity.userId}`, admin).expect(200);
    const refreshesBefore = legacyRefreshRequests(emulator);
    const refused = await exchange(harness, app, { subject_token: token }).expect(400);

    expect(refused.body.error).toBe('invalid_grant');
    expect(refused.body).not.toHaveProperty('access_token');
    expect(legacyRefreshRequests(emulator)).toBe(refreshesBefore);
  });
});
