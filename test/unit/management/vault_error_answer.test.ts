import { describe, expect, it } from '@jest/globals';
import {
  ConnectionGoneError,
  IdentityNotFoundError,
  NeedsReauthorizationError,
  TokenRateLimitedError,
  TokenUnavailableError,
} from '../../../src/domain/vault_errors.js';
import { ManagementError } from '../../../src/errors/index.js';
import { managementErrorOf } from '../../../src/management/vault_error_answer.js';

/** The vault's failures, said in Auth0's words at the Management API's edge: status, reason, errorCode, message. */
describe('the Management API answer to a vault failure', () => {
  it.each([
    [new IdentityNotFoundError('user', 'The user does not exist.'), 404, 'Not Found', 'inexistent_user'],
    [new IdentityNotFoundError('identity', 'The user has no fitbit identity with user_id X.'), 404, 'Not Found', 'inexistent_identity'],
    [new NeedsReauthorizationError('The identity needs reauthorization.'), 409, 'Conflict', 'needs_reauthorization'],
    [new ConnectionGoneError('The connection fitbit no longer exists.'), 409, 'Conflict', 'inexistent_connection'],
    [new TokenRateLimitedError('The upstream rate-limited it.', 42), 429, 'Too Many Requests', 'too_many_requests'],
    [new TokenUnavailableError('upstream_failed', 'The upstream could not refresh.'), 503, 'Service Unavailable', 'upstream_unavailable'],
    [new TokenUnavailableError('client_refused', 'The upstream refused the client.'), 503, 'Service Unavailable', 'upstream_unavailable'],
    [new TokenUnavailableError('refresh_running', 'Another request is still refreshing.'), 503, 'Service Unavailable', 'upstream_unavailable'],
  ])('answers %p with %i', (failure, status, reason, code) => {
    const answer = managementErrorOf(failure);

    expect(answer).toBeInstanceOf(ManagementError);
    expect(answer).toMatchObject({ status, reason, code, description: failure.message, expose: true });
  });

  it('carries the seconds to wait of a rate limit as Retry-After', () => {
    expect(managementErrorOf(new TokenRateLimitedError('wait', 42))).toMatchObject({ headers: { 'Retry-After': '42' } });
  });

  it('passes any other error through as it is', () => {
    const other = new Error('a bug');
    expect(managementErrorOf(other)).toBe(other);
  });
});
