import { describe, expect, it } from '@jest/globals';
import { sealIssuedTokens, UnusableIssuedTokensError, type IssuedTokens, type TokenIssue } from '../../../src/domain/issued_tokens.js';
import { readPluginFailure } from '../../../src/domain/read_plugin_failure.js';
import type { Sealed } from '../../../src/domain/types.js';
import { testSealer } from './users/login_fixtures.js';

// One set of rules for tokens an upstream issues, at a login and at a refresh alike.

const NOW = Date.parse('2026-11-20T10:00:00.000Z');
const sealed = (plaintext: string): Sealed => testSealer.seal(plaintext);

const previous = {
  api: 'google-health',
  tokens: { accessToken: sealed('old-access'), refreshToken: sealed('old-refresh'), expiresAt: NOW - 1000 },
  grantedScopes: ['activity', 'sleep'],
};

function issued(overrides: Partial<IssuedTokens> = {}): IssuedTokens {
  return { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 3599, grantedScopes: ['activity'], ...overrides };
}

function thrownBy(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  return undefined;
}

const sameApiLogin: TokenIssue = { at: 'login', api: 'google-health', previous };
const refresh: TokenIssue = { at: 'refresh', previous };

describe('the refresh token that survives', () => {
  it.each([
    ['a login', sameApiLogin],
    ['a refresh', refresh],
  ])('%s stores the refresh token that came back', (_name, issue) => {
    expect(sealIssuedTokens(issued(), issue, NOW, testSealer).tokens.refreshToken).toBe(sealed('new-refresh'));
  });

  it.each([
    ['absent', undefined],
    ['an empty string', ''],
  ])('a refresh token that is %s is none: a login of the same API and a refresh keep the stored one', (_name, refreshToken) => {
    for (const issue of [sameApiLogin, refresh]) {
      expect(sealIssuedTokens(issued({ refreshToken }), issue, NOW, testSealer).tokens.refreshToken).toBe(previous.tokens.refreshToken);
    }
  });

  it("a login keeps none of another API's, and a first login has none to keep", () => {
    const otherApi: TokenIssue = { at: 'login', api: 'google-health', previous: { ...previous, api: 'fitbit-legacy' } };
    expect(sealIssuedTokens(issued({ refreshToken: '' }), otherApi, NOW, testSealer).tokens).not.toHaveProperty('refreshToken');
    expect(sealIssuedTokens(issued({ refreshToken: undefined }), { at: 'login', api: 'google-health' }, NOW, testSealer).tokens).not.toHaveProperty('refreshToken');
  });
});

describe('the granted scopes', () => {
  it('a login stores the list it brought, an empty one included: it is the grant just consented to', () => {
    expect(sealIssuedTokens(issued({ grantedScopes: ['heartrate'] }), sameApiLogin, NOW, testSealer).grantedScopes).toEqual(['heartrate']);
    expect(sealIssuedTokens(issued({ grantedScopes: [] }), sameApiLogin, NOW, testSealer).grantedScopes).toEqual([]);
  });

  it('a refresh stores a list it brought, and keeps the stored one for an empty list: the upstream did not say', () => {
    expect(sealIssuedTokens(issued({ grantedScopes: ['heartrate'] }), refresh, NOW, testSealer).grantedScopes).toEqual(['heartrate']);
    expect(sealIssuedTokens(issued({ grantedScopes: [] }), refresh, NOW, testSealer).grantedScopes).toEqual(['activity', 'sleep']);
  });
});

describe('the expiry', () => {
  it('is now plus expires_in seconds, the access token sealed', () => {
    expect(sealIssuedTokens(issued({ expiresIn: 3599 }), refresh, NOW, testSealer).tokens).toMatchObject({ accessToken: sealed('new-access'), expiresAt: NOW + 3_599_000 });
    expect(sealIssuedTokens(issued({ expiresIn: 0 }), sameApiLogin, NOW, testSealer).tokens.expiresAt).toBe(NOW);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, '3600' as unknown as number, undefined as unknown as number])(
    'an expires_in of %p is a bad upstream answer, refused before anything is sealed',
    (expiresIn) => {
      let seals = 0;
      const counting = { seal: (plaintext: string) => ((seals += 1), sealed(plaintext)) };
      for (const [issue, operation] of [[sameApiLogin, 'token'], [refresh, 'refresh']] as const) {
        const error = thrownBy(() => sealIssuedTokens(issued({ expiresIn }), issue, NOW, counting));
        expect(error).toBeInstanceOf(UnusableIssuedTokensError);
        // Read as every other answer the upstream gave that fitgate cannot use.
        expect(readPluginFailure(error)).toMatchObject({ kind: 'bad_response', operation });
      }
      expect(seals).toBe(0);
    },
  );
});
