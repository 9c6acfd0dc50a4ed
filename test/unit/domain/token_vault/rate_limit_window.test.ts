import { describe, expect, it } from '@jest/globals';
import { recordLogin } from '../../../../src/domain/users.js';
import { aLogin, testSealer } from '../users/login_fixtures.js';
import { aUser, NOW, pluginFailure, REF, refreshed, vaultWith } from './vault_fixtures.js';

// The upstream's 429 is remembered for the identity's stored tokens: no upstream call until its
// reset, the stored token served meanwhile while it has more than 30 s left, and a login's new
// tokens lift it.

describe('the remembered rate-limit window', () => {
  it('serves a stored token with time left without calling the upstream again', async () => {
    const { vault, refreshCalls, servedStored } = vaultWith(aUser(100), [pluginFailure('rate_limited', 600), refreshed('new-access')]);

    await expect(vault.accessToken(REF)).resolves.toMatchObject({ accessToken: 'stored-access' });
    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'stored-access', expiresIn: 100 });
    expect(refreshCalls()).toBe(1);
    expect(servedStored).toEqual(['refresh_failed', 'backing_off']);
  });

  it('answers rate_limited with the seconds left for a stored token too close to expiry', async () => {
    const { vault, refreshCalls } = vaultWith(aUser(20), [pluginFailure('rate_limited', 600), refreshed('new-access')]);

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited' });
    const again = vault.accessToken(REF);
    await expect(again).rejects.toMatchObject({ kind: 'rate_limited' });
    await again.catch((error: { retryAfterSeconds?: number }) => expect(error.retryAfterSeconds).toBe(600));
    expect(refreshCalls()).toBe(1);
  });

  it('is lifted by a login that brings new tokens', async () => {
    const { vault, users, refreshCalls } = vaultWith(aUser(20), [pluginFailure('rate_limited', 600), refreshed('refreshed-access')]);
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited' });

    // New tokens that themselves need a refresh (20 s left): only a lifted window lets it happen.
    await recordLogin(
      { users, sealer: testSealer },
      aLogin({ now: new Date(NOW), tokens: { accessToken: 'login-access', refreshToken: 'login-refresh', expiresIn: 20, grantedScopes: ['profile'] } }),
    );

    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'refreshed-access', expiresIn: 28800 });
    expect(refreshCalls()).toBe(2);
  });
});
