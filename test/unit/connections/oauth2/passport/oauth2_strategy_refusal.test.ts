import { describe, expect, it } from '@jest/globals';
import { UpstreamOAuthError } from '../../../../../src/connections/oauth2/errors/oauth_error.js';
import { OAuth2LoginStrategy, type OAuth2LoginStrategyOptions } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import { authenticateOnce, upstreamOptions } from './live_strategy.js';

function strategyWith(options: Partial<OAuth2LoginStrategyOptions> = {}) {
  return new OAuth2LoginStrategy(upstreamOptions(undefined, options).options, () => undefined);
}

/** The callback's `?error=` read by the base strategy, never handed to passport-oauth2's own reading. */
describe('OAuth2LoginStrategy at a callback carrying ?error=', () => {
  it('fails the user’s refusal with 403 and the challenge the host reads: the refusal as `error`, its kind beside it', async () => {
    const outcome = await authenticateOnce(strategyWith(), { query: { error: 'access_denied', error_description: 'The user said no' } });
    expect(outcome).toEqual({ fail: { message: 'The user declined to share their data.', kind: 'access_denied', error: expect.any(UpstreamOAuthError) }, status: 403 });
    const { error } = (outcome as { fail: { error: UpstreamOAuthError } }).fail;
    expect(error).toMatchObject({ operation: 'authorize', upstreamCode: 'access_denied', upstreamMessage: 'The user said no' });
  });

  it('answers any other code as an error of the standard code’s kind', async () => {
    const outcome = await authenticateOnce(strategyWith(), { query: { error: 'invalid_scope' } });
    expect(outcome).toEqual({ error: expect.any(UpstreamOAuthError) });
    expect((outcome as { error: UpstreamOAuthError }).error).toMatchObject({ kind: 'invalid_scope', operation: 'authorize', upstreamCode: 'invalid_scope' });
  });

  it('reads the code with the plugin’s kindOfCode when it gives one, the message beside it', async () => {
    const seen: unknown[] = [];
    const kindOfCode = (code: string, message?: string) => {
      seen.push([code, message]);
      return code === 'user_cancelled' ? ('access_denied' as const) : ('upstream_error' as const);
    };
    const outcome = await authenticateOnce(strategyWith({ kindOfCode }), { query: { error: 'user_cancelled', error_description: 'Cancelled' } });
    expect(outcome).toMatchObject({ fail: { kind: 'access_denied' }, status: 403 });
    expect(seen).toEqual([['user_cancelled', 'Cancelled']]);
  });
});
