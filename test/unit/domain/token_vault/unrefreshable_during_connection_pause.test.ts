import { describe, expect, it } from '@jest/globals';
import type { User } from '../../../../src/domain/types.js';
import { aUser, pluginFailure, REF, vaultWith } from './vault_fixtures.js';

// A connection's pause holds back the refreshes its upstream would be sent. An identity with no
// refresh token is sent none, so no pause holds it back: it is served or forgotten by its own rule
// (refresh_token_missing), as outside a pause, not told to retry when the window resets.

const BOB = { ...REF, userId: 'fitbit|B0B0B0', upstreamUserId: 'B0B0B0' };

/** Bob, another user of the same connection, with no refresh token and `secondsLeft` on his access token. */
function unrefreshableBob(secondsLeft: number): User {
  const user = aUser(secondsLeft, 'bob-stored-access');
  const identity = user.identities[0]!;
  const { refreshToken: _none, ...tokens } = identity.tokens!;
  return { ...user, userId: BOB.userId, identities: [{ ...identity, userId: BOB.upstreamUserId, tokens }] };
}

function clientRateLimited(): Error {
  return Object.assign(new Error('upstream said rate_limited'), { kind: 'rate_limited', retryAfterSeconds: 600, rateLimitScope: 'client' });
}

describe.each([
  ['a rate limit of the connection’s client', clientRateLimited(), 'rate_limited'],
  ['a refusal of the connection’s client credentials', pluginFailure('invalid_client'), 'unavailable'],
])('during the pause after %s, an identity with no refresh token', (_title, failure, kind) => {
  async function pausedWithBob(bobSecondsLeft: number) {
    const fixture = vaultWith(aUser(20), [failure]);
    await fixture.users.create(unrefreshableBob(bobSecondsLeft));
    await expect(fixture.vault.accessToken(REF)).rejects.toMatchObject({ kind });
    return fixture;
  }

  it('needs reauthorization (refresh_token_missing) once its token is below the servable margin', async () => {
    const { vault, users, refreshCalls } = await pausedWithBob(20);

    await expect(vault.accessToken(BOB)).rejects.toMatchObject({ kind: 'needs_reauthorization' });
    expect(users.all().find((user) => user.userId === BOB.userId)!.identities[0]).toMatchObject({
      status: 'needs_reauthorization',
      statusReason: 'refresh_token_missing',
    });
    expect(refreshCalls()).toBe(1);
  });

  it('is served its stored token while above the margin, not counted as held back', async () => {
    const { vault, servedStored } = await pausedWithBob(100);

    await expect(vault.accessToken(BOB)).resolves.toEqual({ accessToken: 'bob-stored-access', expiresIn: 100 });
    expect(servedStored).toEqual([]);
  });
});
