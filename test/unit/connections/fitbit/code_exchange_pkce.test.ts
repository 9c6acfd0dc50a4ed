import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { UpstreamFetch } from '../../../../src/connections/plugin.js';

type TokenCallback = (error: unknown, accessToken?: string) => void;
interface NodeOAuthClient {
  getOAuthAccessToken(code: string, params: Record<string, string>, callback: TokenCallback): void;
}

const CALLBACK_URL = 'https://fitgate.example/login/callback';
const TOKEN_ANSWER = JSON.stringify({ access_token: 'access', refresh_token: 'refresh', expires_in: 28800, token_type: 'Bearer', user_id: 'GGNJL9' });

/**
 * The shared client lets an upstream without PKCE exchange a code with `pkce: false`; Fitbit and
 * Google always get a verifier, so the Fitbit plugin's exchange of a code whose verifier the store
 * lost still fails before anything is sent, as a TypeError (a programming error, not a refusal).
 */
function exchange(api: 'fitbit-legacy' | 'google-health', params: Record<string, string>) {
  const calls: string[] = [];
  const upstreamFetch: UpstreamFetch = async (operation) => {
    calls.push(operation);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: TOKEN_ANSWER };
  };
  const strategy = fitbitPlugin.createStrategy({ api, clientID: '23ABCD', clientSecret: 'secret', timeoutMs: 5_000, callbackURL: CALLBACK_URL, scope: ['activity'], upstreamFetch }, () => undefined);
  const { _oauth2: oauth2 } = strategy as unknown as { _oauth2: NodeOAuthClient };
  const outcome = new Promise<{ error: unknown; accessToken?: string | undefined }>((resolve) =>
    oauth2.getOAuthAccessToken('the-code', params, (error, accessToken) => resolve({ error, accessToken })),
  );
  return { outcome, calls };
}

describe('the Fitbit plugin’s code exchange keeps PKCE mandatory', () => {
  it.each(['fitbit-legacy', 'google-health'] as const)('%s: a code without the PKCE verifier fails with a TypeError, and nothing is sent', async (api) => {
    const { outcome, calls } = exchange(api, { redirect_uri: CALLBACK_URL });
    const { error } = await outcome;
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toHaveProperty('message', 'The state store returned no PKCE code verifier; it must keep the one passport-oauth2 gives it');
    expect(calls).toEqual([]);
  });

  it('fitbit-legacy: a code with its verifier is exchanged (the failure above is the missing verifier alone)', async () => {
    const { outcome, calls } = exchange('fitbit-legacy', { redirect_uri: CALLBACK_URL, code_verifier: 'v'.repeat(43) });
    await expect(outcome).resolves.toEqual({ error: null, accessToken: 'access' });
    expect(calls).toEqual(['token']);
  });
});
