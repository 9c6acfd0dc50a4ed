import { describe, expect, it } from '@jest/globals';
import { readCodeAnswer } from '../../../../src/connections/fitbit/code_exchange.js';
import { upstreamContext } from '../../../../src/connections/fitbit/upstream_context.js';
import { parseTokenResponse } from '../../../../src/connections/oauth2/token_response.js';
import type { UpstreamFetch } from '../../../../src/connections/plugin.js';

/**
 * google-health's id_token nonce is derived from the PKCE verifier, so an exchange without one would
 * expect the nonce of no verifier, a value anyone can compute. The plugin refuses to read the answer
 * of such an exchange (`pkce: false`, which the shared client allows for upstreams without PKCE)
 * before any id_token is checked. (Its strategy never makes one: code_exchange_pkce.test.ts.)
 */
describe('the Fitbit plugin’s code answer of an exchange without a PKCE verifier', () => {
  it.each(['google-health', 'fitbit-legacy'] as const)('%s: fails with a TypeError, and nothing is fetched', async (api) => {
    const calls: string[] = [];
    const upstreamFetch: UpstreamFetch = async (operation) => {
      calls.push(operation);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    };
    const context = upstreamContext({ api, clientID: 'web.apps.googleusercontent.com', clientSecret: 'secret', upstreamBaseUrl: 'https://upstream.example', upstreamFetch });
    const answer = parseTokenResponse('token', { access_token: 'at', token_type: 'Bearer', expires_in: 3600, id_token: 'a.b.c', user_id: 'GGNJL9' });

    const read = readCodeAnswer(context, answer, { code: 'the-code', pkce: false });

    await expect(read).rejects.toThrow(TypeError);
    await expect(read).rejects.toThrow(/only with its PKCE code verifier/);
    expect(calls).toEqual([]);
  });
});
