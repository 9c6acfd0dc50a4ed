import { TokenUnavailableError } from '../../domain/vault_errors.js';
import { AppError } from '../../errors/index.js';

/**
 * A deletion that waited its bound for a token refresh of one of the user's identities to finish
 * (the refresh holds the identity's lock). Nothing was deleted and the same click a moment later
 * succeeds, so the admin gets a "try again" page with the vault's message, never a bare 500.
 */
export class RemovalBusyError extends AppError {
  readonly status = 503;
  // The code the page showed when the domain threw the Management API's 503 itself.
  readonly code = 'upstream_unavailable';

  override get expose(): boolean {
    return true;
  }
}

/** The dashboard's answer to the vault's refusal to remove now; any other error passes through. */
export function removalErrorOf(error: unknown): unknown {
  return error instanceof TokenUnavailableError ? new RemovalBusyError(error.message, { cause: error }) : error;
}
