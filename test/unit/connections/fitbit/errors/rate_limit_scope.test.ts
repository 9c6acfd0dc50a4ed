import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin, parseErrorResponse, UpstreamRateLimitedError } from '../../../../../src/connections/fitbit/index.js';
import { rateLimitScopeOf } from '../../../../../src/connections/fitbit/errors/rate_limit_scope.js';
import type { UpstreamAnswer, UpstreamFetch } from '../../../../../src/connections/plugin.js';
import { fixture } from '../fixtures.js';

// Whose quota a 429 counted against decides what the host holds back: legacy Fitbit limits each user
// (150 requests per user per app per hour), Google's token endpoint the app's OAuth client (its
// token grant rate), the Google Health API each user (300 requests per user per minute).

/** A port that answers every call with `answer`, as the host's would pass the upstream's on. */
const answering = (answer: UpstreamAnswer): UpstreamFetch => async () => answer;

const legacyRateLimited: UpstreamAnswer = { status: 429, headers: { 'fitbit-rate-limit-reset': '1800' }, body: fixture('fitbit/error_rate_limited.json') };
const googleRateLimited: UpstreamAnswer = { status: 429, headers: { 'retry-after': '42' }, body: '{"error":"rate_limit_exceeded","error_description":"Rate Limit Exceeded"}' };

async function refreshFailure(api: string, answer: UpstreamAnswer): Promise<unknown> {
  const client = fitbitPlugin.createTokenClient({ api, clientID: 'client-id', clientSecret: 'secret', timeoutMs: 5_000, upstreamFetch: answering(answer) });
  return client.refresh('stored-refresh').then(
    () => {
      throw new Error('the refresh should have been refused');
    },
    (error: unknown) => error,
  );
}

describe('whose quota a Fitbit connection’s 429 counted against', () => {
  it('is the user’s for a legacy Fitbit refresh', async () => {
    const error = await refreshFailure('fitbit-legacy', legacyRateLimited);
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ kind: 'rate_limited', operation: 'refresh', retryAfterSeconds: 1800, rateLimitScope: 'user' });
  });

  it('is the client’s for a Google refresh, and its message says so', async () => {
    const error = await refreshFailure('google-health', googleRateLimited);
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ kind: 'rate_limited', operation: 'refresh', retryAfterSeconds: 42, rateLimitScope: 'client' });
    expect((error as Error).message).toMatch(/the client's quota, shared by every user; resets in 42 s\)$/);
  });

  it.each([
    ['fitbit-legacy', 'token', 'user'],
    ['fitbit-legacy', 'refresh', 'user'],
    ['fitbit-legacy', 'revoke', 'user'],
    ['fitbit-legacy', 'profile', 'user'],
    ['google-health', 'token', 'client'],
    ['google-health', 'refresh', 'client'],
    ['google-health', 'identity', 'user'],
    ['google-health', 'userinfo', undefined],
    ['google-health', 'revoke', undefined],
    ['google-health', 'jwks', undefined],
  ] as const)('%s %s: %s', (api, operation, scope) => {
    expect(rateLimitScopeOf(api, operation)).toBe(scope);
    const error = parseErrorResponse({ api, operation, status: 429, headers: {}, body: fixture('google/error_api_rate_limited.json') });
    expect(error).toMatchObject({ kind: 'rate_limited', rateLimitScope: scope });
  });

  it('is left out when the reader is not told the mode, and on any answer but a 429', () => {
    expect(parseErrorResponse({ operation: 'refresh', status: 429, headers: {}, body: '' })).toMatchObject({ kind: 'rate_limited', rateLimitScope: undefined });
    const invalidGrant = parseErrorResponse({ api: 'google-health', operation: 'refresh', status: 400, headers: {}, body: fixture('google/error_token_invalid_grant.json') });
    expect(invalidGrant).not.toHaveProperty('rateLimitScope');
  });
});
