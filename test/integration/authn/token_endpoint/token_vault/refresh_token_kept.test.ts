import { describe, expect, it } from '@jest/globals';
import { addVaultApp, exchange, refresh, refreshTokenFor, withPolicy } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';

/**
 * The refresh token a Token Vault exchange presents is proof of the user's grant, not spent: under
 * either refresh token policy, the application goes on exchanging and refreshing with it afterwards,
 * and a rotating one is not treated as reused.
 */
describe('the Token Vault exchange keeps the refresh token', () => {
  const { harness } = useHarnessWithEmulator('token-vault-kept');

  it.each(['non-rotating', 'rotating'] as const)('leaves a %s refresh token usable for exchanges and refreshes', async (rotationType) => {
    const user = await harness.seedUser(rotationType === 'rotating' ? 'alice' : 'bob');
    const app = await withPolicy(harness, await addVaultApp(harness), { rotationType, expirationType: 'non-expiring', leewaySeconds: 0 });
    const refreshToken = await refreshTokenFor(harness, app, user);

    await exchange(harness, app, { subject_token: refreshToken }).expect(200);
    await exchange(harness, app, { subject_token: refreshToken }).expect(200);

    const refreshed = await refresh(harness, app, refreshToken).expect(200);
    expect(refreshed.body.access_token).toEqual(expect.any(String));
    expect(refreshed.body.refresh_token !== undefined).toBe(rotationType === 'rotating');
  });
});
