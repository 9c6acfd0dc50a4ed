import { describe, expect, it } from '@jest/globals';
import { UpstreamBadResponseError } from '../../../../../src/connections/oauth2/errors/bad_response_error.js';
import { UpstreamServerError } from '../../../../../src/connections/oauth2/errors/server_error.js';
import { OAuth2LoginStrategy } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import { recordingPort } from '../recording_port.js';
import { authenticateOnce } from './live_strategy.js';

/**
 * RFC 6749 has the authorization server answer with a code (4.1.2) or with an `error` (4.1.2.1),
 * never both. A callback carrying both, even an empty `error` beside a code, or an `error` with no
 * code in it, is the upstream's malformed answer: neither the user's refusal nor a code to exchange.
 */
function strategyAndCalls() {
  const { upstreamFetch, calls } = recordingPort({ status: 500, headers: {}, body: '' });
  const strategy = new OAuth2LoginStrategy(
    {
      authorizationURL: 'https://upstream.example/authorize',
      tokenEndpoint: {
        url: 'https://upstream.example/token',
        client: { method: 'none', clientID: 'c' },
        upstreamFetch,
        timeoutMs: 1_000,
        refusal: (refused) => new UpstreamServerError(refused),
      },
      clientID: 'c',
      callbackURL: 'https://host.example/callback',
      scope: ['read'],
      pkce: true,
    },
    () => undefined,
  );
  return { strategy, calls };
}

describe('OAuth2LoginStrategy at a callback whose error is malformed', () => {
  it.each([
    ['an empty error beside a code', { code: 'the-code', error: '' }],
    ['a refusal beside a code', { code: 'the-code', error: 'access_denied' }],
    ['an empty error alone', { error: '' }],
    ['an error given twice', { error: ['access_denied', 'access_denied'] }],
  ])('answers %s as the upstream’s bad response, exchanging nothing', async (_title, query) => {
    const { strategy, calls } = strategyAndCalls();

    const outcome = await authenticateOnce(strategy, { query });

    expect(outcome).toEqual({ error: expect.any(UpstreamBadResponseError) });
    expect((outcome as { error: UpstreamBadResponseError }).error).toMatchObject({ kind: 'bad_response', operation: 'authorize' });
    expect(calls).toEqual([]);
  });
});
