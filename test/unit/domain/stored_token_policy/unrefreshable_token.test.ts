import { describe, expect, it } from '@jest/globals';
import { unrefreshableStoredToken } from '../../../../src/domain/stored_token_policy.js';
import { anIdentity, NOW, SERVABLE_MARGIN_MS, testSealer } from './policy_fixtures.js';

// Rule 5: an identity with no refresh token is served its stored token while it is above the 30 s
// floor; then its tokens are forgotten as refresh_token_missing.

function withoutRefreshToken(secondsLeft: number) {
  const identity = anIdentity(secondsLeft);
  const { refreshToken: _none, ...tokens } = identity.tokens!;
  return { ...identity, tokens };
}

const decide = (secondsLeft: number) => unrefreshableStoredToken(withoutRefreshToken(secondsLeft), testSealer, NOW, SERVABLE_MARGIN_MS);

describe('the stored token of an identity that cannot be refreshed', () => {
  it('is served while it has more than the floor left', () => {
    expect(decide(31)).toEqual({ serve: { accessToken: 'stored-access', expiresIn: 31 } });
    expect(decide(200)).toEqual({ serve: { accessToken: 'stored-access', expiresIn: 200 } });
  });

  it.each([30, 1, -10])('is forgotten as refresh_token_missing with %i s left', (secondsLeft) => {
    expect(decide(secondsLeft)).toEqual({ forget: 'refresh_token_missing' });
  });
});
