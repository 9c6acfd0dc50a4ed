import { describe, expect, it } from '@jest/globals';
import type { ConnectionPauseReason } from '../../../../src/domain/vault_metrics.js';
import type { User } from '../../../../src/domain/types.js';
import { aUser, NOW, REF, refreshed, vaultWith } from './vault_fixtures.js';

// A 429 whose plugin says the quota was the connection's client's (every user's) holds back the
// refreshes of every identity of the connection until the reset, each answered as an identity's own
// back-off is; a 429 of the user's quota, or of a quota the plugin does not name, holds back that
// identity alone.

const BOB = { ...REF, userId: 'fitbit|B0B0B0', upstreamUserId: 'B0B0B0' };

function rateLimited(rateLimitScope?: string): Error {
  return Object.assign(new Error('upstream said rate_limited'), { kind: 'rate_limited', retryAfterSeconds: 600, ...(rateLimitScope && { rateLimitScope }) });
}

/** Bob, another user of the same connection, whose token has `secondsLeft`. */
function bob(secondsLeft: number): User {
  const user = aUser(secondsLeft, 'bob-stored-access');
  return { ...user, userId: BOB.userId, identities: user.identities.map((identity) => ({ ...identity, userId: BOB.upstreamUserId })) };
}

function vaultWithBob(bobSecondsLeft: number, scope: string | undefined) {
  const pauses: ConnectionPauseReason[] = [];
  const fixture = vaultWith(aUser(20), [rateLimited(scope), refreshed('bob-new-access')], {
    metrics: { connectionPaused: (_tenant, _connection, reason) => void pauses.push(reason) },
  });
  return { ...fixture, pauses, seeded: fixture.users.create(bob(bobSecondsLeft)) };
}

describe('a rate limit of the connection’s whole client', () => {
  it('answers another user’s due read rate_limited with the seconds left, without calling the upstream', async () => {
    const { vault, refreshCalls, seeded, pauses, logged } = vaultWithBob(20, 'client');
    await seeded;
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 600 });

    const read = vault.accessToken(BOB);

    await expect(read).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 600 });
    await read.catch((error: Error) => expect(error.message).toMatch(/fitbit connection's client, whose quota all its users share/));
    expect(refreshCalls()).toBe(1);
    expect(pauses).toEqual(['rate_limited']);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringMatching(/^upstream rate-limited the connection's client; no identity/),
        details: expect.objectContaining({ connection: 'fitbit', retry_after_s: 600, rate_limit_scope: 'client' }),
      }),
    );
  });

  it('serves another user’s stored token with time left, as an identity’s own back-off does', async () => {
    const { vault, refreshCalls, seeded, servedStored } = vaultWithBob(100, 'client');
    await seeded;
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited' });

    await expect(vault.accessToken(BOB)).resolves.toEqual({ accessToken: 'bob-stored-access', expiresIn: 100 });
    expect(refreshCalls()).toBe(1);
    expect(servedStored).toEqual(['backing_off']);
  });

  it('ends with the upstream’s window', async () => {
    let now = NOW;
    const fixture = vaultWith(aUser(20), [rateLimited('client'), refreshed('bob-new-access')], { now: () => now });
    await fixture.users.create(bob(620));
    await expect(fixture.vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 600 });

    now = NOW + 590_000;
    await expect(fixture.vault.accessToken(BOB)).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 10 });
    now = NOW + 601_000;
    await expect(fixture.vault.accessToken(BOB)).resolves.toEqual({ accessToken: 'bob-new-access', expiresIn: 28800 });
    expect(fixture.refreshCalls()).toBe(2);
  });
});

describe.each([
  ['the user’s quota', 'user'],
  ['a quota the plugin does not name', undefined],
])('a rate limit of %s', (_title, scope) => {
  it('leaves another user’s refresh alone', async () => {
    const { vault, refreshCalls, seeded, pauses } = vaultWithBob(20, scope);
    await seeded;
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited' });

    await expect(vault.accessToken(BOB)).resolves.toEqual({ accessToken: 'bob-new-access', expiresIn: 28800 });
    expect(refreshCalls()).toBe(2);
    expect(pauses).toEqual([]);
    // The user's own back-off still holds.
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(refreshCalls()).toBe(2);
  });
});
