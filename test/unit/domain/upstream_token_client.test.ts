import { describe, expect, it } from '@jest/globals';
import { CredentialsForOtherApiError, upstreamFailureOf } from '../../../src/domain/upstream_token_client.js';
import { acmeFailure } from '../../support/fake_plugin.js';

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

  it('keeps the message and the retry delay a plugin failure declares', () => {
    const failure = upstreamFailureOf(acmeFailure({ kind: 'rate_limited', retryAfterSeconds: 90, message: 'Acme quota used up' }));
    expect(failure).toEqual({ kind: 'rate_limited', retryAfterSeconds: 90, message: 'Acme quota used up' });
  });

  it('reads the resolver\'s refusal of another API\'s tokens as api_changed', () => {
    expect(upstreamFailureOf(new CredentialsForOtherApiError('moved to google-health'))).toEqual({ kind: 'api_changed', message: 'moved to google-health' });
  });

  it('knows the resolver’s refusal by its class, not by a kind field anyone could set', () => {
    expect(upstreamFailureOf(Object.assign(new Error('looks alike'), { kind: 'api_changed' })).kind).toBe('unknown');
  });

  it('reads anything else, an undeclared kind included, as unknown with its message', () => {
    expect(upstreamFailureOf(Object.assign(new Error('boom'), { kind: 'teapot', retryAfterSeconds: 5 }))).toEqual({ kind: 'unknown', message: 'boom' });
    expect(upstreamFailureOf('just a string')).toEqual({ kind: 'unknown', message: 'just a string' });
  });
});
