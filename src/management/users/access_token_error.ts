import type {
  ConnectionGoneError,
  NeedsReauthorizationError,
  TokenRateLimitedError,
  TokenUnavailableError,
} from '../../domain/vault_errors.js';
import { TooManyRequestsError } from '../../errors/index.js';
import { tokenFailureAnswerOf } from '../vault_error_answer.js';

/** The vault failures an identity's read shows on the identity rather than failing the whole read. */
export type IdentityTokenFailure = NeedsReauthorizationError | ConnectionGoneError | TokenRateLimitedError | TokenUnavailableError;

/**
 * Why an identity carries no access token in GET /users/{id}: `access_token_error` on the identity.
 * It is the answer this read used to fail with (vault_error_answer.ts), read off that answer so the
 * two cannot drift: its errorCode and message, and as `retry_after` the seconds of its Retry-After,
 * which an answer for the whole user cannot carry per identity. For needs_reauthorization the
 * identity's `status` and `status_reason` say it too; the message adds when and what to do.
 */
export interface AccessTokenError {
  errorCode: 'needs_reauthorization' | 'inexistent_connection' | 'too_many_requests' | 'upstream_unavailable';
  message: string;
  /** Seconds until the upstream's rate-limit window resets: no refresh is tried before then. */
  retryAfterSeconds?: number;
}

export function accessTokenErrorOf(failure: IdentityTokenFailure): AccessTokenError {
  const answer = tokenFailureAnswerOf(failure);
  return {
    errorCode: answer.code,
    message: answer.description,
    ...(answer instanceof TooManyRequestsError && { retryAfterSeconds: answer.retryAfterSeconds }),
  };
}

/** The identity's `access_token_error`, in the Management API's JSON (snake_case, as identities are). */
export function accessTokenErrorJson(error: AccessTokenError): Record<string, unknown> {
  return { errorCode: error.errorCode, message: error.message, ...(error.retryAfterSeconds !== undefined && { retry_after: error.retryAfterSeconds }) };
}
