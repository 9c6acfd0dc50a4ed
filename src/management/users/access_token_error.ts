import type {
  ConnectionGoneError,
  NeedsReauthorizationError,
  TokenUnavailableError,
  UpstreamRateLimitedError,
} from '../../domain/vault_errors.js';

/** The vault failures an identity's read shows on the identity rather than failing the whole read. */
export type IdentityTokenFailure = NeedsReauthorizationError | ConnectionGoneError | UpstreamRateLimitedError | TokenUnavailableError;

/**
 * Why an identity carries no access token in GET /users/{id}: `access_token_error` on the identity.
 * The codes and messages are those this read used to fail with (vault_error_answer.ts), so a
 * caller reads the same words, and `retry_after` stands for the Retry-After header an answer for
 * the whole user cannot carry per identity. For needs_reauthorization the identity's `status` and
 * `status_reason` say it too; the message adds when and what to do.
 */
export interface AccessTokenError {
  errorCode: 'needs_reauthorization' | 'inexistent_connection' | 'too_many_requests' | 'upstream_unavailable';
  message: string;
  /** Seconds until the upstream's rate-limit window resets: no refresh is tried before then. */
  retryAfterSeconds?: number;
}

export function accessTokenErrorOf(failure: IdentityTokenFailure): AccessTokenError {
  switch (failure.kind) {
    case 'needs_reauthorization':
      return { errorCode: 'needs_reauthorization', message: failure.message };
    case 'connection_gone':
      return { errorCode: 'inexistent_connection', message: failure.message };
    case 'rate_limited':
      return { errorCode: 'too_many_requests', message: failure.message, retryAfterSeconds: Math.max(1, Math.ceil(failure.retryAfterSeconds)) };
    case 'unavailable':
      return { errorCode: 'upstream_unavailable', message: failure.message };
  }
}

/** The identity's `access_token_error`, in the Management API's JSON (snake_case, as identities are). */
export function accessTokenErrorJson(error: AccessTokenError): Record<string, unknown> {
  return { errorCode: error.errorCode, message: error.message, ...(error.retryAfterSeconds !== undefined && { retry_after: error.retryAfterSeconds }) };
}
