import { describe, expect, it } from '@jest/globals';
import { UpstreamBadResponseError } from '../../../../../src/connections/oauth2/errors/bad_response_error.js';
import { OAuth2LoginStrategy, type OAuth2LoginStrategyBaseOptions } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import { requestToken } from '../../../../../src/connections/oauth2/token_request.js';
import { secondsUntilEpoch, type TokenResponse } from '../../../../../src/connections/oauth2/token_response.js';
import { ACCEPTING_STORE, authenticateOnce, upstreamOptions } from './live_strategy.js';

// An upstream that states the expiry as an instant, `expires_at` in epoch seconds (Strava sends it
// beside expires_in: https://developers.strava.com/docs/authentication/), here alone, or both.
const LIFETIME = 21_600;
const answerOf = (fields: object) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: 'at', refresh_token: 'rt', token_type: 'Bearer', ...fields }) });
const expiresAt = () => Math.floor(Date.now() / 1000) + LIFETIME;
const readExpiresAt = (json: Record<string, unknown>) => secondsUntilEpoch(json.expires_at);

function optionsFor(fields: object, endpoint: Partial<OAuth2LoginStrategyBaseOptions['tokenEndpoint']> = {}): OAuth2LoginStrategyBaseOptions {
  const { options } = upstreamOptions(answerOf(fields), { pkce: false, store: ACCEPTING_STORE });
  return { ...options, tokenEndpoint: { ...options.tokenEndpoint, ...endpoint } };
}

/** Logs in once; answers what verify got, or passport's outcome when verify was never called. */
async function logIn(strategyOf: (verify: (token: TokenResponse) => void) => OAuth2LoginStrategy) {
  const seen: TokenResponse[] = [];
  const outcome = await authenticateOnce(
    strategyOf((token) => seen.push(token)),
    { query: { code: 'the-code', state: 'handle' } },
  );
  return { outcome, token: seen[0] };
}

const verifying = (record: (token: TokenResponse) => void) => (_req: unknown, token: TokenResponse, _profile: unknown, done: (error: unknown, user?: Express.User) => void) => {
  record(token);
  done(null, { id: 'u' } as Express.User);
};

/** An expiry stated as expires_at reaches verify as expiresIn, the seconds until then. */
describe('OAuth2LoginStrategy and an expiry stated as expires_at', () => {
  it('reads an answer without expires_in by the token endpoint’s accessTokenLifetimeFrom, at the login and at a refresh', async () => {
    const options = optionsFor({ expires_at: expiresAt() }, { accessTokenLifetimeFrom: readExpiresAt });
    const { outcome, token } = await logIn((record) => new OAuth2LoginStrategy(options, verifying(record)));
    expect(outcome).toMatchObject({ success: { id: 'u' } });
    expect(token!.expiresIn).toBeGreaterThanOrEqual(LIFETIME - 1);
    expect(token!.expiresIn).toBeLessThanOrEqual(LIFETIME);
    const refreshed = await requestToken({ ...options.tokenEndpoint, grant: { grant_type: 'refresh_token', refresh_token: 'rt' } });
    expect(refreshed.expiresIn).toBeGreaterThanOrEqual(LIFETIME - 1);
  });

  it('lets readAnswer take expires_at over the expires_in beside it', async () => {
    const options = optionsFor({ expires_in: 60, expires_at: expiresAt() });
    const { token } = await logIn(
      (record) => new OAuth2LoginStrategy({ ...options, readAnswer: (answer) => ({ ...answer, expiresIn: readExpiresAt(answer.json) ?? answer.expiresIn }) }, verifying(record)),
    );
    expect(token!.expiresIn).toBeGreaterThanOrEqual(LIFETIME - 1);
  });

  it('fails the login as a bad_response when nothing declared reads expires_at, and never calls verify', async () => {
    const options = optionsFor({ expires_at: expiresAt() });
    const { outcome, token } = await logIn((record) => new OAuth2LoginStrategy(options, verifying(record)));
    expect(outcome).toEqual({ error: expect.any(UpstreamBadResponseError) });
    expect((outcome as { error: Error }).error.message).toMatch(/expires_in is missing/);
    expect(token).toBeUndefined();
  });
});

describe('secondsUntilEpoch', () => {
  it('counts whole seconds from now, 0 once passed, undefined for no instant', () => {
    const now = 1_750_000_000_500;
    expect(secondsUntilEpoch(1_750_021_600, now)).toBe(21_599);
    expect(secondsUntilEpoch('1750021600', now)).toBe(21_599);
    expect(secondsUntilEpoch(1_749_999_000, now)).toBe(0);
    for (const none of [undefined, null, '', 'tomorrow', -1]) expect(secondsUntilEpoch(none, now)).toBeUndefined();
  });
});
