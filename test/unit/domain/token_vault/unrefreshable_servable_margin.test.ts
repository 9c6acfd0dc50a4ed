import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TOKEN_VAULT_TIMING } from '../../../../src/domain/token_vault_deps.js';
import type { User } from '../../../../src/domain/types.js';
import { aUser, REF, vaultWith } from './vault_fixtures.js';

// An identity with no refresh token is served its stored token by the same margin as any stored token
// (servableMarginMs, 30 s): with seconds left it is not handed out, since it may already be dead by
// the time the caller uses it, and the identity needs the user to sign in again.

function unrefreshable(secondsLeft: number): User {
  const user = aUser(secondsLeft);
  const identity = user.identities[0]!;
  const { refreshToken: _none, ...tokens } = identity.tokens!;
  return { ...user, identities: [{ ...identity, tokens }] };
}

describe('the stored token of an identity with no refresh token', () => {
  it('is served while it has more than the servable margin left', async () => {
    expect(DEFAULT_TOKEN_VAULT_TIMING.servableMarginMs).toBe(30_000);
    const { vault, users, refreshCalls } = vaultWith(unrefreshable(60), []);

    await expect(vault.accessToken(REF)).resolves.toEqual({ accessToken: 'stored-access', expiresIn: 60 });
    expect(users.all()[0]!.identities[0]).toMatchObject({ status: 'connected' });
    expect(refreshCalls()).toBe(0);
  });

  it.each([10, 30])('is not served with %i s left: the identity needs reauthorization (refresh_token_missing)', async (secondsLeft) => {
    const { vault, users, refreshCalls } = vaultWith(unrefreshable(secondsLeft), []);

    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'needs_reauthorization' });
    expect(users.all()[0]!.identities[0]).toMatchObject({ status: 'needs_reauthorization', statusReason: 'refresh_token_missing' });
    expect(refreshCalls()).toBe(0);
  });
});
