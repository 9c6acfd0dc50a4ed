import { describe, expect, it } from '@jest/globals';
import { freshStoredToken } from '../../../../src/domain/stored_token_policy.js';
import { NeedsReauthorizationError } from '../../../../src/domain/vault_errors.js';
import { aDeadIdentity, anIdentity, NOW, REFRESH_MARGIN_MS, testSealer } from './policy_fixtures.js';

// Rules 1 and 2: a dead identity has no token to give, and a stored token is handed out without a
// refresh only while it has more than the refresh margin (5 min) left.

const fresh = (identity: ReturnType<typeof anIdentity>) => freshStoredToken(identity, testSealer, NOW, REFRESH_MARGIN_MS);

describe('a stored token, as fresh or not', () => {
  it('is handed out, opened, with its whole seconds left, when it has more than the refresh margin left', () => {
    expect(fresh(anIdentity(300.9))).toEqual({ accessToken: 'stored-access', expiresIn: 300 });
    expect(fresh(anIdentity(3600))).toEqual({ accessToken: 'stored-access', expiresIn: 3600 });
  });

  it.each([300, 299, 31, 0, -60])('must be refreshed first with %i s left', (secondsLeft) => {
    expect(fresh(anIdentity(secondsLeft))).toBeUndefined();
  });

  it('is none for an identity that needs reauthorization: the reader is told so, with when and what to do', () => {
    const read = () => fresh(aDeadIdentity());
    expect(read).toThrow(NeedsReauthorizationError);
    expect(read).toThrow(/needs reauthorization since 2026-11-20T09:00:00.000Z: the upstream refused the stored refresh token\. The user must log in again/);
  });

  it('is none for a connected identity holding no tokens', () => {
    const { tokens: _none, ...identity } = anIdentity(600);
    expect(() => fresh(identity)).toThrow(NeedsReauthorizationError);
  });

  it('is none for an identity marked as needing reauthorization even if tokens were left on it', () => {
    expect(() => fresh(anIdentity(600, { status: 'needs_reauthorization' }))).toThrow(NeedsReauthorizationError);
  });
});
