import { describe, expect, it } from '@jest/globals';
import { UpstreamBadResponseError } from '../../../../../src/connections/oauth2/errors/bad_response_error.js';
import { isJsonObject, type JsonObject } from '../../../../../src/connections/oauth2/json.js';
import {
  OAuth2LoginStrategy,
  type OAuth2LoginStrategyBaseOptions,
  type OAuth2LoginVerify,
  type TokenAnswerReader,
} from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import type { TokenResponse } from '../../../../../src/connections/oauth2/token_response.js';
import { ACCEPTING_STORE, authenticateOnce, upstreamOptions } from './live_strategy.js';

/** A token answer with a field of the upstream's own, as Strava's carries the athlete. */
type AthleteToken = TokenResponse & { athlete: JsonObject };

const ANSWER = { access_token: 'at', refresh_token: 'rt', token_type: 'Bearer', expires_in: 21600, athlete: { id: 134815 } };

function baseOptions(): OAuth2LoginStrategyBaseOptions {
  const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ANSWER) };
  return upstreamOptions(answer, { pkce: false, store: ACCEPTING_STORE }).options;
}

const readAthlete: TokenAnswerReader<AthleteToken> = (answer) => {
  const { athlete } = answer.json;
  if (!isJsonObject(athlete)) throw new UpstreamBadResponseError({ operation: 'token', status: 200, problem: 'athlete is missing' });
  return { ...answer, athlete };
};

// Type checks, run by `npx tsc --noEmit -p .` (Jest strips types): a Token wider than TokenResponse
// has no default reading, since the exchange alone yields a TokenResponse without the extra field.
// Each @ts-expect-error fails that check the day its line compiles.
const verifyAthlete: OAuth2LoginVerify<AthleteToken> = (_req, _token, _profile, done) => done(null, { id: 'u' });
// @ts-expect-error a Token with a field of its own needs readAnswer
const _unread = () => new OAuth2LoginStrategy<AthleteToken>(baseOptions(), verifyAthlete);
class AthleteStrategy extends OAuth2LoginStrategy<AthleteToken> {}
// @ts-expect-error a subclass declaring such a Token needs it too
const _unreadSubclass = () => new AthleteStrategy(baseOptions(), verifyAthlete);
// @ts-expect-error readAnswer must give the Token, not the bare answer
const _wrongReader = () => new AthleteStrategy({ ...baseOptions(), readAnswer: (answer: TokenResponse) => answer }, verifyAthlete);
// TokenResponse itself, the default, needs none.
const _plain = () => new OAuth2LoginStrategy(baseOptions(), (_req, _token, _profile, done) => done(null, { id: 'u' }));

/** The parsed token answer read into the strategy's Token by the options' readAnswer, once, before verify. */
describe('OAuth2LoginStrategy reading the token answer into its Token', () => {
  it('hands verify what readAnswer made of the answer, its own field included', async () => {
    const seen: AthleteToken[] = [];
    const strategy = new AthleteStrategy({ ...baseOptions(), readAnswer: readAthlete }, (_req, token, _profile, done) => {
      seen.push(token);
      done(null, { id: 'u' });
    });
    const outcome = await authenticateOnce(strategy, { query: { code: 'the-code', state: 'handle' } });
    expect(outcome).toMatchObject({ success: { id: 'u' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ accessToken: 'at', refreshToken: 'rt', expiresIn: 21600, athlete: { id: 134815 } });
    expect(strategy.tokenAnswerOf(seen[0]!.json)).toBe(seen[0]);
  });

  it('passes readAnswer’s failure to passport as it is, and never calls verify', async () => {
    let verified = false;
    const failing: TokenAnswerReader<AthleteToken> = async () => {
      throw new UpstreamBadResponseError({ operation: 'token', status: 200, problem: 'athlete is missing' });
    };
    const strategy = new AthleteStrategy({ ...baseOptions(), readAnswer: failing }, () => (verified = true));
    const outcome = await authenticateOnce(strategy, { query: { code: 'the-code', state: 'handle' } });
    expect(outcome).toEqual({ error: expect.any(UpstreamBadResponseError) });
    expect((outcome as { error: UpstreamBadResponseError }).error).toMatchObject({ kind: 'bad_response', operation: 'token' });
    expect(verified).toBe(false);
  });
});
