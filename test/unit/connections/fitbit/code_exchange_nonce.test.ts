import { describe, expect, it } from '@jest/globals';
import { exchangeCode } from '../../../../src/connections/fitbit/code_exchange.js';
import { upstreamContext } from '../../../../src/connections/fitbit/upstream_context.js';
import type { UpstreamFetch } from '../../../../src/connections/plugin.js';

/**
 * google-health's id_token nonce is derived from the PKCE verifier, so an exchange without one would
 * expect the nonce of no verifier, a value anyone can compute. The plugin refuses such an exchange
 * (`pkce: false`, which the shared client allows for upstreams without PKCE) before anything is sent.
 */
describe('the Fitbit plugin’s exchange without a PKCE verifier', () => {
  it.each(['google-health', 'fitbit-legacy'] as const)('%s: fails with a TypeError, and nothing is sent', async (api) => {
    const calls: string[] = [];
    const upstreamFetch: UpstreamFetch = async (operation) => {
      calls.push(operation);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    };
    const context = upstreamContext({ api, clientID: 'web.apps.googleusercontent.com', clientSecret: 'secret', upstreamBaseUrl: 'https://upstream.example', upstreamFetch });

    const exchange = exchangeCode(context, { code: 'the-code', pkce: false });

    await expect(exchange).rejects.toThrow(TypeError);
    await expect(exchange).rejects.toThrow(/only with its PKCE code verifier/);
    expect(calls).toEqual([]);
  });
});
