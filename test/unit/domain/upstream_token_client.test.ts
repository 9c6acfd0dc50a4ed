import { describe, expect, it } from '@jest/globals';
import { CredentialsForOtherApiError, upstreamFailureOf } from '../../../src/domain/upstream_token_client.js';
import { remedyOf } from '../../../src/domain/upstream_remedy.js';
import { acmeFailure } from '../../support/fake_plugin.js';
import { PLUGIN_ERROR_KINDS } from '../../../src/domain/read_plugin_failure.js';

/** What the token vault makes of an upstream failure: wait, ask the user to sign in again, or neither. */
describe('the vault\'s reading of a failed refresh or revocation', () => {
  it.each([
    ['invalid_grant', 'invalid_grant'],
    ['rate_limited', 'rate_limited'],
    ['gone', 'gone'],
    ['unavailable', 'unavailable'],
    ['timeout', 'timeout'],
    ['conflict', 'unavailable'],
    ['unauthorized_client', 'unauthorized_client'],
    ['invalid_client', 'invalid_client'],
    ['account_unusable', 'unknown'],
    ['upstream_error', 'unknown'],
    ['insufficient_scope', 'unknown'],
    ['access_denied', 'unknown'],
    ['bad_response', 'unknown'],
  ] as const)('reads a plugin\'s %s as %s', (kind, expected) => {
    expect(upstreamFailureOf(acmeFailure({ kind })).kind).toBe(expected);
  });

  it.each(PLUGIN_ERROR_KINDS)('acts on %s as the remedy the table gives it at a refresh', (kind) => {
    const failure = upstreamFailureOf(acmeFailure({ kind }));
    const remedy = remedyOf(kind, 'refresh');
    expect(failure.outcome === 'reauthorize').toBe(remedy === 'reauthorize');
    expect(failure.outcome === 'passing').toBe(remedy === 'passing');
    // Only the admin's remedy pauses the connection, and only for its refused credentials.
    expect(failure.outcome === 'client_refused').toBe(kind === 'invalid_client' && remedy === 'admin');
    expect(failure.kind === 'invalid_client').toBe(failure.outcome === 'client_refused');
  });

  it('ends the tokens of unauthorized_client and gone at a refresh, with their own reasons', () => {
    expect(upstreamFailureOf(acmeFailure({ kind: 'unauthorized_client' }))).toMatchObject({ outcome: 'reauthorize', reason: 'connection_client_changed' });
    expect(upstreamFailureOf(acmeFailure({ kind: 'gone' }))).toMatchObject({ outcome: 'reauthorize', reason: 'upstream_api_gone' });
    expect(upstreamFailureOf(acmeFailure({ kind: 'invalid_grant' }))).toMatchObject({ outcome: 'reauthorize', reason: 'refresh_token_rejected' });
  });

  it('keeps the message and the retry delay a plugin failure declares', () => {
    const failure = upstreamFailureOf(acmeFailure({ kind: 'rate_limited', retryAfterSeconds: 90, message: 'Acme quota used up' }));
    expect(failure).toEqual({ outcome: 'passing', kind: 'rate_limited', retryAfterSeconds: 90, message: 'Acme quota used up' });
  });

  it('reads the resolver\'s refusal of another API\'s tokens as api_changed, which ends the tokens', () => {
    expect(upstreamFailureOf(new CredentialsForOtherApiError('moved to google-health'))).toEqual({
      outcome: 'reauthorize',
      kind: 'api_changed',
      reason: 'connection_api_changed',
      message: 'moved to google-health',
    });
  });

  it('knows the resolver’s refusal by its class, not by a kind field anyone could set', () => {
    expect(upstreamFailureOf(Object.assign(new Error('looks alike'), { kind: 'api_changed' })).kind).toBe('unknown');
  });

  it('reads anything else, an undeclared kind included, as unknown with its message', () => {
    expect(upstreamFailureOf(Object.assign(new Error('boom'), { kind: 'teapot', retryAfterSeconds: 5 }))).toEqual({ outcome: 'unexplained', kind: 'unknown', message: 'boom' });
    expect(upstreamFailureOf('just a string')).toEqual({ outcome: 'unexplained', kind: 'unknown', message: 'just a string' });
  });
});
