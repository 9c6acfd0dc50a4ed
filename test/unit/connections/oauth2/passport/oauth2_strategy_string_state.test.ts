import { describe, expect, it } from '@jest/globals';
import { UpstreamServerError } from '../../../../../src/connections/oauth2/errors/server_error.js';
import { OAuth2LoginStrategy } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import { recordingPort } from '../recording_port.js';
import { authenticateOnce } from './live_strategy.js';

/** passport-oauth2 skips the state store for string state, which would lose the PKCE verifier and the host's record. */
describe('OAuth2LoginStrategy at the authorize step', () => {
  const { upstreamFetch } = recordingPort({ status: 500, headers: {}, body: '' });
  const strategy = new OAuth2LoginStrategy(
    {
      authorizationURL: 'https://upstream.example/authorize',
      tokenEndpoint: { url: 'https://upstream.example/token', client: { method: 'none', clientID: 'c' }, upstreamFetch, timeoutMs: 1_000, refusal: (refused) => new UpstreamServerError(refused) },
      clientID: 'c',
      callbackURL: 'https://host.example/callback',
      scope: ['read'],
      pkce: true,
      store: {
        store: (_req: unknown, _verifier: unknown, _state: unknown, _meta: unknown, callback: (error: null, handle: string) => void) => callback(null, 'handle'),
        verify: (_req: unknown, _state: string, callback: (error: null, ok: boolean) => void) => callback(null, true),
      },
    },
    () => undefined,
  );

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
