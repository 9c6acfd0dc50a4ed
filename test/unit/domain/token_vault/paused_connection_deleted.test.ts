import { describe, expect, it } from '@jest/globals';
import { aUser, pluginFailure, REF, vaultWith } from './vault_fixtures.js';

// A connection deleted while a rate limit of its client pauses it answers as gone, as it does
// without a pause: no window's end brings it back, so "retry after" would send the caller round in
// vain.

function clientRateLimited(): Error {
  return Object.assign(pluginFailure('rate_limited', 600), { rateLimitScope: 'client' });
}

describe('a connection deleted during a rate limit of its client', () => {
  it('answers connection_gone, not rate_limited', async () => {
    const { vault, deleteConnection } = vaultWith(aUser(20), [clientRateLimited()]);
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 600 });

    deleteConnection();

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'connection_gone' });
  });

  it('answers connection_gone with a stored token left, as a deleted connection without a pause does', async () => {
    const paused = vaultWith(aUser(100), [clientRateLimited()]);
    await expect(paused.vault.accessToken(REF)).resolves.toEqual({ accessToken: 'stored-access', expiresIn: 100 });
    paused.deleteConnection();

    const neverPaused = vaultWith(aUser(100), []);
    neverPaused.deleteConnection();

    await expect(neverPaused.vault.accessToken(REF)).rejects.toMatchObject({ kind: 'connection_gone' });
    await expect(paused.vault.accessToken(REF)).rejects.toMatchObject({ kind: 'connection_gone' });
    expect(paused.refreshCalls()).toBe(1);
  });
});
