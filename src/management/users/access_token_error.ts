import type {
  ConnectionGoneError,
  NeedsReauthorizationError,
  TokenUnavailableError,
  UpstreamRateLimitedError,
} from '../../domain/vault_errors.js';
import { vaultAnswerOf } from '../vault_error_answer.js';

/** The vault failures an identity's read shows on the identity rather than failing the whole read. */
export type IdentityTokenFailure = NeedsReauthorizationError | ConnectionGoneError | UpstreamRateLimitedError | TokenUnavailableError;

/**
 * Why an identity carries no access token in GET /users/{id}: `access_token_error` on the identity.
 * It is the answer this read used to fail with (vault_error_answer.ts), read off that answer so the
 * two cannot drift: its errorCode and message, and as `retry_after` the seconds of its Retry-After
 * header, which an answer for the whole user cannot carry per identity. For needs_reauthorization
 * the identity's `status` and `status_reason` say it too; the message adds when and what to do.
 */
export interface AccessTokenError {
  /** needs_reauthorization, inexistent_connection, too_many_requests or upstream_unavailable. */
  errorCode: string;
  message: string;
  /** Seconds until the upstream's rate-limit window resets: no refresh is tried before then. */
  retryAfterSeconds?: number;
}

export function accessTokenErrorOf(failure: IdentityTokenFailure): AccessTokenError {
  const answer = vaultAnswerOf(failure);
  const retryAfter = answer.headers['Retry-After'];
  return { errorCode: answer.code, message: answer.description, ...(retryAfter !== undefined && { retryAfterSeconds: Number(retryAfter) }) };
}

/** The identity's `access_token_error`, in the Management API's JSON (snake_case, as identities are). */
export function accessTokenErrorJson(error: AccessTokenError): Record<string, unknown> {
  return { errorCode: error.errorCode, message: error.message, ...(error.retryAfterSeconds !== undefined && { retry_after: error.retryAfterSeconds }) };
}
