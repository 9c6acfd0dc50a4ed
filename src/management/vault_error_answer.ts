import { isVaultFailure, type IdentityNotFoundError, type VaultFailure } from '../domain/vault_errors.js';
import { ConflictError, ResourceNotFoundError, TooManyRequestsError, UpstreamUnavailableError, type ManagementError } from '../errors/index.js';

/**
 * The Management API's answer to a vault failure (domain/vault_errors.ts), as Auth0 words it: a
 * missing user or identity is a 404, dead tokens or a deleted connection a 409, the upstream's rate
 * limit a 429 with Retry-After, anything the caller can only wait out a 503. The domain's message
 * is the answer's. Any other error passes through unchanged.
 *
 * GET /users/{id} fails only for its user's absence: an identity's token trouble is said on that
 * identity (users/idp_tokens.ts), as Auth0's read never fails for it. What reaches here is a
 * removal's (DELETE /users/{id}, an unlink) wait for a refresh holding the identity's lock.
 */
export function managementErrorOf(error: unknown): unknown {
  return isVaultFailure(error) ? vaultAnswerOf(error) : error;
}

/** The Management API's one wording of each vault failure: the answer of a request that failed with it. */
function vaultAnswerOf(failure: VaultFailure): ManagementError {
  if (failure.kind === 'not_found') {
    return new ResourceNotFoundError(failure.message, failure.missing === 'user' ? 'inexistent_user' : 'inexistent_identity');
  }
  return tokenFailureAnswerOf(failure);
}

/** A vault failure to serve a stored identity's token: every one but the user's or identity's absence. */
export type TokenFailure = Exclude<VaultFailure, IdentityNotFoundError>;

/** The answers to a TokenFailure, typed by their errorCodes. */
export type TokenFailureAnswer = ConflictError<'needs_reauthorization' | 'inexistent_connection'> | TooManyRequestsError | UpstreamUnavailableError;

/**
 * The answer to a TokenFailure, which a request failing with it gets, and which (users/access_token_error.ts)
 * GET /users/{id} says on an identity whose token it withholds.
 */
export function tokenFailureAnswerOf(failure: TokenFailure): TokenFailureAnswer {
  switch (failure.kind) {
    case 'needs_reauthorization':
      return new ConflictError(failure.message, 'needs_reauthorization');
    case 'connection_gone':
      return new ConflictError(failure.message, 'inexistent_connection');
    case 'rate_limited':
      return new TooManyRequestsError(failure.message, failure.retryAfterSeconds);
    case 'unavailable':
      return new UpstreamUnavailableError(failure.message);
  }
}
