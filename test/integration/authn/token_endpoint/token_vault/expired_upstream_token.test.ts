import { describe, expect, it } from '@jest/globals';
import { emulatorEndpoints, getJson } from '../../../../support/emulator.js';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';
import { legacyRefreshRequests } from '../../../vault/upstream_counters.js';

/**
 * An upstream token that has expired is refreshed at the upstream before the Token Vault exchange
 * answers, through the vault the Management API reads (single-flight: concurrent exchanges share one
 * refresh, which matters since legacy Fitbit refresh tokens are single use), and the new tokens are
 * stored for every later reader.
 */
describe('the Token Vault exchange of an expired upstream token', () => {
  const { harness, emulator } = useHarnessWithEmulator('token-vault-expired');

  it('refreshes it once for concurrent exchanges, and answers with the new token the upstream takes', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: -60 });
    const old = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken);
    emulator.control.expireAccessTokens({ login: 'alice' });
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, old)).status).toBe(401);
    const app = await addVaultApp(harness);
    const refreshToken = await refreshTokenFor(harness, app, user);
    const refreshesBefore = legacyRefreshRequests(emulator);

    const responses = await Promise.all([1, 2, 3].map(() => exchange(harness, app, { subject_token: refreshToken })));

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(legacyRefreshRequests(emulator) - refreshesBefore).toBe(1);
    const tokens = new Set(responses.map((response) => response.body.access_token as string));
    expect(tokens.size).toBe(1);
    const [fresh] = [...tokens];
    expect(fresh).not.toBe(old);
    expect(responses[0]!.body.expires_in).toBeGreaterThan(5 * 60);
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, fresh)).status).toBe(200);
    const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.tokens!;
    expect(harness.deps[0]!.sealer.open(stored.accessToken)).toBe(fresh);
  });
});
