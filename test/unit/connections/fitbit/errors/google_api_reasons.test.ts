import { describe, expect, it } from '@jest/globals';
import {
  parseErrorResponse,
  UpstreamAccountUnusableError,
  UpstreamApiError,
  UpstreamOAuthError,
  type ErrorResponse,
  type UpstreamOperation,
} from '../../../../../src/connections/fitbit/errors/index.js';
import { recordedAnswer } from '../../../../support/recorded_answers.js';
import { fixture } from '../fixtures.js';

// Google's PERMISSION_DENIED covers a scope left unticked, an API the admin's project has not
// enabled and an account Google Health will not serve: three remedies for three people. The reason
// in `error.details` (and, without one, the documented message) tells them apart. Bodies recorded
// from Google's documentation in test/fixtures/google/, each with its source.

function parseRecorded(path: Parameters<typeof recordedAnswer>[0], operation: UpstreamOperation = 'identity') {
  const { status, text } = recordedAnswer(path);
  return parseErrorResponse({ operation, status, headers: {}, body: text });
}

function parse(response: Pick<ErrorResponse, 'status' | 'body'> & { operation?: UpstreamOperation }) {
  return parseErrorResponse({ operation: 'identity', headers: {}, ...response });
}

// RFC 6749 §4.1.2.1: what an error_description may hold, since the account's remedy reaches the client.
const ERROR_DESCRIPTION_CHARACTERS = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;

describe("reading Google's reasons", () => {
  it('makes ACCOUNT_NOT_LINKED the user\'s to fix, telling them how in words a client may show', () => {
    const error = parseRecorded('google/api_error_account_not_linked.json');
    expect(error).toBeInstanceOf(UpstreamAccountUnusableError);
    expect(error).toMatchObject({
      kind: 'account_unusable',
      status: 400,
      upstreamCode: 'FAILED_PRECONDITION',
      upstreamReason: 'ACCOUNT_NOT_LINKED',
      upstreamMessage: 'The account is not linked to Google Health.',
    });
    expect(error.message).toMatch(/no Fitbit data in Google Health.*Open the Fitbit app, sign in with this Google Account/);
    expect(error.message).toMatch(ERROR_DESCRIPTION_CHARACTERS);
  });

  it("makes the identity call's bare \"The caller does not have permission\" a legacy Fitbit account's consent, the user's to fix", () => {
    const error = parseRecorded('google/api_error_legacy_fitbit_consent.json');
    expect(error).toBeInstanceOf(UpstreamAccountUnusableError);
    expect(error).toMatchObject({ kind: 'account_unusable', status: 403, upstreamCode: 'PERMISSION_DENIED', upstreamReason: undefined });
    expect(error.message).toMatch(/legacy Fitbit account, not a Google Account.*Continue with Google/);
    expect(error.message).toMatch(ERROR_DESCRIPTION_CHARACTERS);
  });

  it('reads those words from any other Google call as a refusal it cannot explain, not as the account', () => {
    expect(parseRecorded('google/api_error_legacy_fitbit_consent.json', 'userinfo')).toMatchObject({ kind: 'upstream_error' });
  });

  it("makes SERVICE_DISABLED the administrator's: the Google Health API is not enabled in the client's project", () => {
    const error = parseRecorded('google/api_error_service_disabled.json');
    expect(error).toBeInstanceOf(UpstreamApiError);
    expect(error).toMatchObject({ kind: 'api_not_enabled', upstreamCode: 'PERMISSION_DENIED', upstreamReason: 'SERVICE_DISABLED', retryable: false });
    expect(error.message).toContain('failed with PERMISSION_DENIED (SERVICE_DISABLED): Google Health API has not been used in project 1234567890');
  });

  it("reads the older APIs' accessNotConfigured the same way", () => {
    const body = JSON.stringify({
      error: { code: 403, message: 'Access Not Configured.', status: 'PERMISSION_DENIED', errors: [{ message: 'Access Not Configured.', domain: 'usageLimits', reason: 'accessNotConfigured' }] },
    });
    expect(parse({ status: 403, body })).toMatchObject({ kind: 'api_not_enabled', upstreamReason: 'accessNotConfigured' });
  });

  it('keeps insufficient_scope for ACCESS_TOKEN_SCOPE_INSUFFICIENT, and for the scope message of an answer without a reason', () => {
    expect(parseRecorded('google/api_error_scope_insufficient.json')).toMatchObject({ kind: 'insufficient_scope', upstreamReason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' });
    expect(parse({ status: 403, body: fixture('google/error_api_permission_denied.json') })).toMatchObject({ kind: 'insufficient_scope', upstreamReason: undefined });
  });

  it('finds the ErrorInfo wherever it stands among the details', () => {
    const { body } = recordedAnswer('google/api_error_service_disabled.json');
    const error = body.error as { details: unknown[] };
    const reordered = { error: { ...error, details: [...error.details].reverse() } };
    expect(parse({ status: 403, body: JSON.stringify(reordered) }).kind).toBe('api_not_enabled');
  });

  it('no longer calls every PERMISSION_DENIED a missing scope: one it cannot explain stays unexplained', () => {
    const body = JSON.stringify({ error: { code: 403, message: 'Caller is blocked by policy.', status: 'PERMISSION_DENIED' } });
    expect(parse({ status: 403, body })).toMatchObject({ kind: 'upstream_error', upstreamCode: 'PERMISSION_DENIED' });
    const precondition = JSON.stringify({ error: { code: 400, message: 'Precondition check failed.', status: 'FAILED_PRECONDITION' } });
    expect(parse({ status: 400, body: precondition })).toMatchObject({ kind: 'upstream_error' });
  });
});

describe("reading Google's token endpoint about the client", () => {
  it('calls a deleted OAuth client invalid_client: new credentials are the remedy', () => {
    const { status, text } = recordedAnswer('google/token_error_deleted_client.json');
    const error = parseErrorResponse({ operation: 'refresh', status, headers: {}, body: text });
    expect(error).toBeInstanceOf(UpstreamOAuthError);
    expect(error).toMatchObject({ kind: 'invalid_client', upstreamCode: 'deleted_client', upstreamMessage: 'The OAuth client was deleted.' });
  });

  it('reads the 401 Google gives a refresh token issued to another client as unauthorized_client, by its code', () => {
    const { status, text } = recordedAnswer('google/token_error_unauthorized_client.json');
    expect(parseErrorResponse({ operation: 'refresh', status, headers: {}, body: text })).toMatchObject({ kind: 'unauthorized_client', status: 401 });
  });
});
