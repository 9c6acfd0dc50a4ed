import { describe, expect, it } from '@jest/globals';
import { OAuth2LoginStrategy } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import { ACCEPTING_STORE, authenticateOnce, upstreamOptions } from './live_strategy.js';

/** passport-oauth2 skips the state store for string state, which would lose the PKCE verifier and the host's record. */
describe('OAuth2LoginStrategy at the authorize step', () => {
  const strategy = new OAuth2LoginStrategy(upstreamOptions(undefined, { store: ACCEPTING_STORE }).options, () => undefined);

  it('refuses string state before any redirect', async () => {
    expect(await authenticateOnce(strategy, {}, { state: 'app-state' })).toEqual({
      error: new TypeError('OAuth2LoginStrategy generates the state itself; pass application state as an object'),
    });
  });

  it('redirects with state and a PKCE challenge when the application state is an object', async () => {
    const outcome = await authenticateOnce(strategy, {}, { state: { returnTo: '/' } });
    const { redirect } = outcome as { redirect: URL };
    expect(redirect.searchParams.get('state')).toBe('handle');
    expect(redirect.searchParams.get('code_challenge_method')).toBe('S256');
  });
});
