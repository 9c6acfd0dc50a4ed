import { afterEach, describe, expect, it } from '@jest/globals';
import { addVaultApp, exchange, refreshTokenFor } from '../../../../support/authn/token_vault_fixture.js';
import { useHarnessWithEmulator } from '../../../management/harness.js';
import { legacyRefreshRequests } from '../../../vault/upstream_counters.js';

/**
 * When the upstream rate-limits the refresh of an expired token, the Token Vault exchange answers
 * 503 temporarily_unavailable (as a login through a rate-limited upstream does) with the upstream's
 * Retry-After; the vault remembers the window, so asking again within it calls nobody upstream and
 * gets the seconds that are left.
 */
describe('the Token Vault exchange while the upstream rate-limits', () => {
  const { harness, emulator } = useHarnessWithEmulator('token-vault-rate-limit');
  afterEach(() => emulator.control.clearFailures());

  it('answers temporarily_unavailable with Retry-After, and does not call the upstream again within the window', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: -60 });
    const app = await addVaultApp(harness);
    const refreshToken = await refreshTokenFor(harness, app, user);
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 900 }, times: 1 });

    const first = await exchange(harness, app, { subject_token: refreshToken }).expect(503);
    expect(first.body.error).toBe('temporarily_unavailable');
    expect(Number(first.headers['retry-after'])).toBeGreaterThan(890);
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(900);
    const before = legacyRefreshRequests(emulator);

    const again = await exchange(harness, app, { subject_token: refreshToken }).expect(503);
    expect(again.body.error).toBe('temporarily_unavailable');
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(legacyRefreshRequests(emulator)).toBe(before);
    expect(JSON.stringify([first.body, again.body])).not.toContain(refreshToken);
  });
});
