import { describe, expect, it } from '@jest/globals';
import { UpstreamBadResponseError } from '../../../../../src/connections/oauth2/errors/bad_response_error.js';
import { OAuth2LoginStrategy } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import { authenticateOnce, upstreamOptions } from './live_strategy.js';

/**
 * RFC 6749 has the authorization server answer with a code (4.1.2) or with an `error` (4.1.2.1),
 * never both. A callback carrying both, even an empty `error` beside a code, or an `error` with no
 * code in it, is the upstream's malformed answer: neither the user's refusal nor a code to exchange.
 */
function strategyAndCalls() {
  const { options, calls } = upstreamOptions();
  return { strategy: new OAuth2LoginStrategy(options, () => undefined), calls };
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
