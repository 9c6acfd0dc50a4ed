import { describe, expect, it } from '@jest/globals';
import { ConnectionGoneError, NeedsReauthorizationError, TokenRateLimitedError, TokenUnavailableError } from '../../../../src/domain/vault_errors.js';
import { accessTokenErrorJson, accessTokenErrorOf } from '../../../../src/management/users/access_token_error.js';
import { managementErrorOf } from '../../../../src/management/vault_error_answer.js';

/**
 * An identity's access_token_error in GET /users/{id} says what the whole read used to fail with:
 * the same errorCode and message as the Management API's error for that vault failure, and the
 * seconds of its Retry-After as retry_after.
 */
describe('the access_token_error of an identity', () => {
  it.each([
    new NeedsReauthorizationError('The fitbit identity X needs reauthorization.'),
    new ConnectionGoneError('The connection fitbit no longer exists.'),
    new TokenRateLimitedError('The upstream rate-limited it.', 41.2),
    new TokenUnavailableError('client_refused', 'The upstream refused the client.'),
  ])('carries the errorCode and message of the answer the read used to fail with: %p', (failure) => {
    const answer = managementErrorOf(failure) as { code: string; description: string; headers: Record<string, string> };
    const retryAfter = answer.headers['Retry-After'];

    expect(accessTokenErrorJson(accessTokenErrorOf(failure))).toEqual({
      errorCode: answer.code,
      message: answer.description,
      ...(retryAfter !== undefined && { retry_after: Number(retryAfter) }),
    });
  });

  it('rounds the seconds to wait up, and never below one', () => {
    expect(accessTokenErrorJson(accessTokenErrorOf(new TokenRateLimitedError('wait', 0.2)))).toMatchObject({ retry_after: 1 });
    expect(accessTokenErrorJson(accessTokenErrorOf(new TokenRateLimitedError('wait', 41.2)))).toMatchObject({ retry_after: 42 });
  });
});
