import { describe, expect, it } from '@jest/globals';
import { refreshable } from '../../../../src/domain/refreshable.js';
import type { Sealed, User } from '../../../../src/domain/types.js';
import { testSealer } from '../users/login_fixtures.js';
import { aUser, REF, refreshed, vaultWith } from './vault_fixtures.js';

// The vault refreshes an expired token exactly when refreshable() says it can (the rule a login's
// report uses too), and otherwise marks the identity refresh_token_missing: the two never disagree.

function expiredWith(refreshToken: Sealed | undefined): User {
  const user = aUser(-60);
  const identity = user.identities[0]!;
  const { refreshToken: _stored, ...tokens } = identity.tokens!;
  return { ...user, identities: [{ ...identity, tokens: refreshToken === undefined ? tokens : { ...tokens, refreshToken } }] };
}

describe('the vault and refreshable() on an expired token', () => {
  it.each([
    ['a stored refresh token', testSealer.seal('stored-refresh')],
    ['no refresh token', undefined],
    ['an empty refresh token', '' as Sealed],
  ] as const)('agree for %s', async (_label, refreshToken) => {
    const user = expiredWith(refreshToken);
    const { vault, users, refreshCalls } = vaultWith(user, [refreshed('new-access')]);
    const canRefresh = refreshable(user.identities[0]!);

    if (canRefresh) {
      await expect(vault.accessToken(REF)).resolves.toMatchObject({ accessToken: 'new-access' });
    } else {
      await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'needs_reauthorization' });
      expect(users.all()[0]!.identities[0]).toMatchObject({ status: 'needs_reauthorization', statusReason: 'refresh_token_missing' });
    }
    expect(refreshCalls()).toBe(canRefresh ? 1 : 0);
  });

  it('counts a present, non-empty refresh token alone as refreshable', () => {
    expect([testSealer.seal('r'), undefined, '' as Sealed].map((token) => refreshable(expiredWith(token).identities[0]!))).toEqual([true, false, false]);
  });
});
