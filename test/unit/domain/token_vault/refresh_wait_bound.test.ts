import { describe, expect, it } from '@jest/globals';
import { aUser, NOW, REF, vaultWith } from './vault_fixtures.js';

// Another process holds the identity's refresh lock past the wait bound (it hangs on the upstream,
// or died holding it): the reader gets the stored token while it is good for more than 30 s, else
// a 503 to retry. The clock moves 100 ms on each reading, so the bound of 1 s passes in a few polls.

function aWaitingVault(secondsLeft: number) {
  let clock = NOW;
  return vaultWith(aUser(secondsLeft), [], {
    lockHeldElsewhere: true,
    timing: { waitBoundMs: 1_000, pollIntervalMs: 1 },
    now: () => (clock += 100),
  });
}

describe('a refresh another process holds past the wait bound', () => {
  it('serves the stored token still good for a while, counted as refresh_busy, without calling the upstream', async () => {
    const { vault, servedStored, refreshCalls } = aWaitingVault(60);

    await expect(vault.accessToken(REF)).resolves.toMatchObject({ accessToken: 'stored-access' });
    expect(servedStored).toEqual(['refresh_busy']);
    expect(refreshCalls()).toBe(0);
  });

  it('answers unavailable (retry shortly) when the stored token has 30 s or less left', async () => {
    const { vault, servedStored, refreshCalls } = aWaitingVault(20);

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'unavailable', reason: 'refresh_running', message: expect.stringMatching(/still refreshing.*try again shortly/) });
    expect(servedStored).toEqual([]);
    expect(refreshCalls()).toBe(0);
  });
});
