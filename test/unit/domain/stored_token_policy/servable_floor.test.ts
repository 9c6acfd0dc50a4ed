import { describe, expect, it } from '@jest/globals';
import { servableStoredToken } from '../../../../src/domain/stored_token_policy.js';
import { aDeadIdentity, anIdentity, NOW, SERVABLE_MARGIN_MS, testSealer } from './policy_fixtures.js';

// Rule 4, the 30 s floor: when no refresh can be had now, a stored token is served while it has more
// than the servable margin left, with its real seconds left; never at or below it.

const servable = (identity: ReturnType<typeof anIdentity>) => servableStoredToken(identity, testSealer, NOW, SERVABLE_MARGIN_MS);

describe('the floor under which a stored token is not served', () => {
  it.each([
    [31, 31],
    [30.5, 30],
    [299, 299],
  ])('serves a token with %p s left, saying %i s', (secondsLeft, expiresIn) => {
    expect(servable(anIdentity(secondsLeft))).toEqual({ accessToken: 'stored-access', expiresIn });
  });

  it.each([30, 10, 0, -5])('does not serve a token with %i s left', (secondsLeft) => {
    expect(servable(anIdentity(secondsLeft))).toBeUndefined();
  });

  it('does not serve an identity that needs reauthorization, nor one holding no tokens', () => {
    expect(servable(aDeadIdentity())).toBeUndefined();
    expect(servable(anIdentity(600, { status: 'needs_reauthorization' }))).toBeUndefined();
    const { tokens: _none, ...tokenless } = anIdentity(600);
    expect(servable(tokenless)).toBeUndefined();
  });
});
