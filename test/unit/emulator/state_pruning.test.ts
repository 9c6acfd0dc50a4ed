import { describe, expect, it } from '@jest/globals';
import { EmulatorState } from '../../../src/emulator/state.js';
import { issueTokens } from '../../../src/emulator/tokens/issue.js';

describe('emulator state pruning', () => {
  it('drops spent codes and long-expired access tokens but keeps recently expired ones answering expired_token', () => {
    let now = Date.parse('2026-11-20T00:00:00Z');
    const state = new EmulatorState({ now: () => now });
    const old = issueTokens(state, { api: 'fitbit-legacy', clientId: '23ABCD', login: 'alice', scopes: ['profile'], withRefreshToken: false });
    now += 2 * 86_400_000;
    const recent = issueTokens(state, { api: 'fitbit-legacy', clientId: '23ABCD', login: 'bob', scopes: ['profile'], withRefreshToken: false });
    now += 28_801_000;
    state.codes.set('spent', {
      code: 'spent',
      api: 'fitbit-legacy',
      clientId: '23ABCD',
      login: 'alice',
      scopes: [],
      redirectUri: 'http://localhost:3000/login/callback',
      redirectUriGiven: true,
      codeChallenge: undefined,
      codeChallengeMethod: 'plain',
      nonce: undefined,
      offline: false,
      forcedConsent: false,
      expiresAt: now + 600_000,
      used: true,
    });

    for (let i = 0; i < 1024; i += 1) state.noteAdded();

    expect(state.codes.has('spent')).toBe(false);
    expect(state.accessTokens.has(old.accessToken.token)).toBe(false);
    expect(state.accessTokens.has(recent.accessToken.token)).toBe(true);
  });
});
