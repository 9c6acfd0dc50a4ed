import { describe, expect, it } from '@jest/globals';
import {
  parseErrorResponse,
  UpstreamApiError,
  UpstreamBadResponseError,
  UpstreamGoneError,
  UpstreamOAuthError,
  UpstreamRateLimitedError,
  UpstreamServerError,
  upstreamErrorKind,
  type ErrorResponse,
} from '../../../../../src/connections/fitbit/errors/index.js';
import { recordedAnswer } from '../../../../support/recorded_answers.js';
import { fixture } from '../fixtures.js';

const NOW = Date.parse('2026-11-22T01:00:00Z');

function parse(overrides: Partial<ErrorResponse> & Pick<ErrorResponse, 'body' | 'status'>) {
  return parseErrorResponse({ operation: 'token', headers: {}, now: NOW, ...overrides });
}

describe('parseErrorResponse', () => {
  it("carries the code and message of Fitbit's errors body, which passport-oauth2 cannot read", () => {
    const error = parse({ status: 400, body: fixture('fitbit/error_invalid_grant_code.json') });
    expect(error).toBeInstanceOf(UpstreamOAuthError);
    expect(error).toMatchObject({ kind: 'invalid_grant', status: 400, upstreamCode: 'invalid_grant', operation: 'token' });
    expect(error.upstreamMessage).toMatch(/^Authorization code invalid/);
    expect(error.message).toContain('invalid_grant: Authorization code invalid');
  });

  it('takes the first entry when Fitbit lists several errors', () => {
    expect(parse({ status: 400, body: fixture('fitbit/error_multiple.json') })).toMatchObject({
      kind: 'invalid_request',
      upstreamMessage: 'Missing parameters: code_verifier',
    });
  });

  it('recognises a wrong client secret in both shapes', () => {
    expect(parse({ status: 401, body: fixture('fitbit/error_invalid_client.json') }).kind).toBe('invalid_client');
    expect(parse({ status: 401, body: fixture('google/error_token_invalid_client.json') }).kind).toBe('invalid_client');
  });

  it("recognises a redirect_uri mismatch from Google's code and from Fitbit's message", () => {
    expect(parse({ status: 400, body: fixture('google/error_token_redirect_uri_mismatch.json') }).kind).toBe('redirect_uri_mismatch');
    expect(parse({ status: 400, body: fixture('fitbit/error_redirect_uri_mismatch.json') }).kind).toBe('redirect_uri_mismatch');
  });

  it("reads Google's RFC 6749 token error", () => {
    expect(parse({ operation: 'refresh', status: 400, body: fixture('google/error_token_invalid_grant.json') })).toMatchObject({
      kind: 'invalid_grant',
      operation: 'refresh',
      upstreamMessage: 'Token has been expired or revoked.',
    });
  });

  it("reads Google's API error shape as an API error with its status word", () => {
    const error = parse({ operation: 'identity', status: 403, body: fixture('google/error_api_permission_denied.json') });
    expect(error).toBeInstanceOf(UpstreamApiError);
    expect(error).toMatchObject({ kind: 'insufficient_scope', upstreamCode: 'PERMISSION_DENIED' });
    expect(parse({ operation: 'userinfo', status: 401, body: fixture('google/error_api_unauthenticated.json') }).kind).toBe('invalid_token');
  });

  it("reads Google userinfo's 401 invalid_request \"Invalid Credentials\" as a refused token", () => {
    const { status, text } = recordedAnswer('google/api_error_userinfo_invalid_credentials.json');
    const error = parse({ operation: 'userinfo', status, body: text });
    expect(error).toBeInstanceOf(UpstreamApiError);
    expect(error).toMatchObject({ kind: 'invalid_token', status: 401, upstreamCode: 'invalid_request', upstreamMessage: 'Invalid Credentials' });
    expect(parse({ operation: 'userinfo', status: 400, body: text }).kind).toBe('invalid_request');
  });

  it('reads Fitbit API errors from resource endpoints', () => {
    expect(parse({ operation: 'profile', status: 403, body: fixture('fitbit/error_insufficient_scope.json') }).kind).toBe('insufficient_scope');
    expect(parse({ operation: 'profile', status: 401, body: fixture('fitbit/error_expired_token.json') }).kind).toBe('invalid_token');
  });

  it('turns 410 into a gone error telling the admin to switch to google-health', () => {
    const error = parse({ status: 410, body: fixture('fitbit/error_gone.json') });
    expect(error).toBeInstanceOf(UpstreamGoneError);
    expect(error.kind).toBe('gone');
    expect(error.message).toMatch(/switch this connection's API to google-health/i);
  });

  it('turns 410 into a gone error even when the body is not JSON', () => {
    expect(parse({ status: 410, body: 'Gone' }).kind).toBe('gone');
  });

  it("gives Fitbit's 429 the reset time from Fitbit-Rate-Limit-Reset", () => {
    const error = parse({
      operation: 'profile',
      status: 429,
      headers: { 'fitbit-rate-limit-reset': '1234', 'retry-after': '5' },
      body: fixture('fitbit/error_rate_limited.json'),
    }) as UpstreamRateLimitedError;
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 1234, upstreamCode: 'system' });
    expect(error.resetAt).toEqual(new Date(NOW + 1_234_000));
  });

  it("gives Google's 429 the reset time from Retry-After, in seconds or as an HTTP date", () => {
    const body = fixture('google/error_api_rate_limited.json');
    expect(parse({ status: 429, headers: { 'retry-after': '17' }, body })).toMatchObject({ retryAfterSeconds: 17 });
    const date = new Date(NOW + 90_000).toUTCString();
    expect(parse({ status: 429, headers: { 'retry-after': date }, body })).toMatchObject({ retryAfterSeconds: 90 });
  });

  it('leaves the reset time out of a 429 that gives none', () => {
    const error = parse({ status: 429, body: '' }) as UpstreamRateLimitedError;
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.resetAt).toBeUndefined();
  });

  it('makes any 5xx an unavailable error that keeps the upstream code when there is one', () => {
    const error = parse({ operation: 'identity', status: 503, body: fixture('google/error_api_unavailable.json') });
    expect(error).toBeInstanceOf(UpstreamServerError);
    expect(error).toMatchObject({ kind: 'unavailable', status: 503, upstreamCode: 'UNAVAILABLE', retryable: true });
    expect(parse({ status: 502, body: '<html>Bad Gateway</html>' }).kind).toBe('unavailable');
  });

  it('reports a 409 as a retryable conflict whatever its body, since Fitbit documents no body for it', () => {
    expect(parse({ operation: 'refresh', status: 409, body: '{"errors":[{"errorType":"conflict","message":"x"}]}' })).toMatchObject({
      kind: 'conflict',
      retryable: true,
    });
    expect(parse({ operation: 'refresh', status: 409, body: '' }).kind).toBe('conflict');
  });

  it('calls a 4xx body in neither shape a bad response', () => {
    const error = parse({ status: 404, body: '<html>Not Found</html>' });
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error).toMatchObject({ kind: 'bad_response', status: 404 });
  });

  it('keeps an unknown upstream code, with the generic kind', () => {
    expect(parse({ status: 400, body: '{"error":"admin_policy_enforced"}' })).toMatchObject({ kind: 'upstream_error', upstreamCode: 'admin_policy_enforced' });
  });

  it('redacts the code, token or credentials Fitbit echoes into its messages, keeping the words and URL', () => {
    const errors = [
      parse({ status: 400, body: fixture('fitbit/error_invalid_grant_code.json') }),
      parse({ status: 401, body: fixture('fitbit/error_invalid_client.json') }),
      parse({ operation: 'profile', status: 401, body: fixture('fitbit/error_expired_token.json') }),
    ];
    for (const secret of ['2f8c9e1b7a6d5c4b3a29180706f5e4d3c2b1a090', 'MjNBQkNEOnRoZS1jbGllbnQtc2VjcmV0LTAxMjM', 'eyJhbGciOiJIUzI1NiJ9', 'eyJhdWQiOiIyM0FCQ0QiLCJzdWIiOiJHR05KTDkiLCJleHAiOjE3NjM3NzM2MDB9']) {
      for (const error of errors) {
        expect(error.message).not.toContain(secret);
        expect(error.upstreamMessage).not.toContain(secret);
      }
    }
    expect(errors[0]?.upstreamMessage).toBe(
      'Authorization code invalid: [redacted]. Visit https://dev.fitbit.com/docs/oauth2 for more information on the Fitbit Web API authorization process.',
    );
  });

  it('exposes the kind through the discriminator, and nothing for foreign errors', () => {
    expect(upstreamErrorKind(parse({ status: 410, body: '' }))).toBe('gone');
    expect(upstreamErrorKind(new Error('x'))).toBeUndefined();
  });
});
