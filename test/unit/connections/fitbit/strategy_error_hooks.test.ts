import { describe, expect, it } from '@jest/globals';
import OAuth2Strategy from 'passport-oauth2';
import { UpstreamOAuthError, UpstreamTimeoutError } from '../../../../src/connections/fitbit/errors/index.js';
import { FitbitStrategy } from '../../../../src/connections/fitbit/strategy.js';
import { fixture } from './fixtures.js';

const strategy = new FitbitStrategy(
  { api: 'fitbit-legacy', clientID: '23ABCD', clientSecret: 's', callbackURL: 'https://app.example.com/cb', scope: ['activity'] },
  () => undefined,
);

/** passport-oauth2's private hook, reached the way lib/strategy.js reaches it. */
const createOAuthError = (error: unknown) =>
  (strategy as unknown as { _createOAuthError(message: string, error: unknown): Error })._createOAuthError('Failed to obtain access token', error);

describe('FitbitStrategy error hooks of passport-oauth2', () => {
  it("reads Fitbit's errors body in parseErrorResponse, where passport-oauth2 reads only `error`", () => {
    const error = strategy.parseErrorResponse(fixture('fitbit/error_invalid_grant_code.json'), 400);
    expect(error).toBeInstanceOf(UpstreamOAuthError);
    expect(error).toMatchObject({ kind: 'invalid_grant', status: 400 });
  });

  it('passes typed token-request errors through instead of wrapping them in InternalOAuthError', () => {
    const timeout = new UpstreamTimeoutError({ operation: 'token', timeoutMs: 50 });
    expect(createOAuthError(timeout)).toBe(timeout);
  });

  it('still wraps anything else, as passport-oauth2 does', () => {
    expect(createOAuthError(new Error('socket hang up'))).toBeInstanceOf(OAuth2Strategy.InternalOAuthError);
  });
});
