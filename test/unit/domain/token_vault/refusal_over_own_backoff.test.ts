import { describe, expect, it } from '@jest/globals';
import type { User } from '../../../../src/domain/types.js';
import { aUser, pluginFailure, REF, vaultWith } from './vault_fixtures.js';

// While the connection's client is refused, no reader is served its stored token, whatever it has
// left (docs/management-api.md): an identity that is also in its own rate-limit back-off gets the
// refusal too, not its stored token, so every reader hears the administrator's fix.

const BOB = { ...REF, userId: 'fitbit|B0B0B0', upstreamUserId: 'B0B0B0' };

function bob(secondsLeft: number): User {
  const user = aUser(secondsLeft, 'bob-stored-access');
  return { ...user, userId: BOB.userId, identities: user.identities.map((identity) => ({ ...identity, userId: BOB.upstreamUserId })) };
}

describe('a refused client and an identity’s own back-off at once', () => {
  it('answers the refusal, not the stored token', async () => {
    const { vault, users, refreshCalls, servedStored } = vaultWith(aUser(100), [pluginFailure('rate_limited', 600), pluginFailure('invalid_client')]);
    await users.create(bob(20));
    // Alice's own window opens, her stored token served through it.
    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'stored-access', expiresIn: 100 });
    // Bob's refresh meets the refused client, which pauses the connection.
    await expect(vault.accessToken(BOB)).rejects.toMatchObject({ kind: 'unavailable', reason: 'client_refused' });

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'unavailable', reason: 'client_refused' });
    expect(refreshCalls()).toBe(2);
    expect(servedStored).toEqual(['refresh_failed']);
  });
});
