import { describe, expect, it } from '@jest/globals';
import { emulatorEndpoints, getJson } from '../../../../support/emulator.js';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';
import { legacyRefreshRequests } from '../../../vault/upstream_counters.js';

/**
 * Auth0's Token Vault exchange at /oauth/token: an application's refresh token of a user, for that
 * user's upstream (Fitbit) access token. While the stored token has more than five minutes left it is
 * handed out as the vault holds it, with no call upstream, and it is the one the emulator takes now.
 */
describe('the Token Vault exchange', () => {
  const { harness, emulator } = useHarnessWithEmulator('token-vault-current');

  it("answers with the user's current upstream access token, as Auth0 shapes the answer", async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 3600 });
    const app = await addVaultApp(harness);
    const refreshToken = await refreshTokenFor(harness, app, user);
    const refreshesBefore = legacyRefreshRequests(emulator);

    const response = await exchange(harness, app, { subject_token: refreshToken }).expect(200);

    const stored = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken);
    expect(response.body).toEqual({
      access_token: stored,
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      issued_token_type: 'http://auth0.com/oauth/token-type/federated-connection-access-token',
      scope: 'activity heartrate profile',
    });
    expect(response.body.expires_in).toBeGreaterThan(3500);
    expect(response.body.expires_in).toBeLessThanOrEqual(3600);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(legacyRefreshRequests(emulator)).toBe(refreshesBefore);
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, response.body.access_token as string)).status).toBe(200);
  });
});
