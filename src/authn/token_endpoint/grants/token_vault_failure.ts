import { isVaultFailure } from '../../../domain/vault_errors.js';
import { InvalidGrantError, InvalidRequestError, TemporarilyUnavailableError } from '../../../errors/index.js';
import { connectionNotEnabled } from '../../connection_not_enabled.js';

/**
 * The Token Vault exchange's answer to a vault failure (domain/vault_errors.ts), in OAuth's words:
 * what the Management API answers as its own errors (management/vault_error_answer.ts), the token
 * endpoint answers as RFC 6749 JSON. Dead upstream tokens, or a user or identity gone meanwhile, are
 * invalid_grant (this grant yields nothing until the user logs in again); a connection deleted
 * meanwhile is answered as one never enabled; an upstream rate limit or outage is 503
 * temporarily_unavailable, as a login answers them, with the rate limit's Retry-After. The vault's
 * messages are written for the caller and name no token. Any other error passes through unchanged.
 */
export function tokenVaultErrorOf(error: unknown, connection: string): unknown {
  if (!isVaultFailure(error)) return error;
  switch (error.kind) {
    case 'not_found':
    case 'needs_reauthorization':
      return new InvalidGrantError(error.message);
    case 'connection_gone':
      return new InvalidRequestError(connectionNotEnabled(connection));
    case 'rate_limited':
      return new TemporarilyUnavailableError(error.message).withHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    case 'unavailable':
      return new TemporarilyUnavailableError(error.message);
  }
}
