import { describe, expect, it } from '@jest/globals';
import type { Sealer } from '../../../../src/domain/ports.js';
import { refreshWrite } from '../../../../src/domain/refreshed_identity.js';
import type { Identity, Sealed, UpstreamTokens } from '../../../../src/domain/types.js';
import type { RefreshedUpstreamTokens } from '../../../../src/domain/upstream_token_client.js';

// What a refresh writes over the identity as it is at the write, given the tokens it spent. The
// sealer here seals under key "k1" and opens "k1" and "k2" (a re-seal's two keys), nothing else.

const NOW = Date.parse('2026-11-20T10:00:00.000Z');
const sealer: Sealer = {
  seal: (plaintext) => `k1:${plaintext}` as Sealed,
  open: (value) => {
    const match = /^k[12]:(.*)$/.exec(value);
    if (!match) throw new Error('sealed under a key this instance lacks');
    return match[1]!;
  },
};
const under = (key: string, plaintext: string) => `${key}:${plaintext}` as Sealed;

const spent: UpstreamTokens = { accessToken: under('k1', 'at-0'), refreshToken: under('k1', 'rt-0'), expiresAt: NOW };
const issued: RefreshedUpstreamTokens = { accessToken: 'at-1', refreshToken: 'rt-1', expiresIn: 60, grantedScopes: [] };

function identityWith(tokens: UpstreamTokens, grantedScopes = ['activity']): Identity {
  return { provider: 'fitbit', connection: 'fitbit', userId: 'U1', isSocial: true, api: 'fitbit-legacy', grantedScopes, tokens, status: 'connected' };
}

describe('a refresh write', () => {
  it('stores what the upstream issued over the tokens it spent', () => {
    const write = refreshWrite(identityWith(spent), spent, issued, NOW, sealer);
    expect(write).toEqual({ identity: identityWith({ accessToken: under('k1', 'at-1'), refreshToken: under('k1', 'rt-1'), expiresAt: NOW + 60_000 }), keptStored: false });
  });

  it('stores it over the same tokens sealed anew (a re-seal), keeping a refresh token none replaced in its new sealing', () => {
    const resealed = { ...spent, accessToken: under('k2', 'at-0'), refreshToken: under('k2', 'rt-0') };
    const write = refreshWrite(identityWith(resealed), spent, { ...issued, refreshToken: undefined }, NOW, sealer);
    expect(write.keptStored).toBe(false);
    expect(write.identity.tokens).toEqual({ accessToken: under('k1', 'at-1'), refreshToken: under('k2', 'rt-0'), expiresAt: NOW + 60_000 });
  });

  it("keeps another grant's tokens and scopes stored since, and writes nothing", () => {
    const current = identityWith({ accessToken: under('k1', 'at-login'), refreshToken: under('k1', 'rt-login'), expiresAt: NOW + 1 }, ['activity', 'heartrate']);
    const write = refreshWrite(current, spent, issued, NOW, sealer);
    expect(write.identity).toBe(current);
    expect(write.keptStored).toBe(true);
  });

  it('replaces a kept refresh token the upstream rotated away, and nothing else', () => {
    const current = identityWith({ accessToken: under('k1', 'at-login'), refreshToken: spent.refreshToken, expiresAt: NOW + 1 }, ['activity', 'heartrate']);
    const write = refreshWrite(current, spent, issued, NOW, sealer);
    expect(write).toEqual({ identity: identityWith({ ...current.tokens!, refreshToken: under('k1', 'rt-1') }, ['activity', 'heartrate']), keptStored: true });
  });

  it('keeps tokens sealed under a key this instance lacks: they were written since it read them', () => {
    const current = identityWith({ ...spent, accessToken: under('k3', 'at-0'), refreshToken: under('k3', 'rt-0') });
    expect(refreshWrite(current, spent, issued, NOW, sealer).identity).toBe(current);
  });

  it('keeps an identity whose tokens were dropped since', () => {
    const { tokens: _dropped, ...current } = identityWith(spent);
    expect(refreshWrite(current, spent, issued, NOW, sealer).identity).toBe(current);
  });
});
