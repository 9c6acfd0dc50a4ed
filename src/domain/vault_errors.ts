/**
 * Why the token vault, or the removal of an identity that shares its lock, could not do what it was
 * asked, in the domain's words. Each surface answers them in its own dialect: the Management API as
 * its Auth0 errors (management/vault_error_answer.ts), the dashboard as its pages. The messages are
 * written for whoever asked for the token and are safe to show; `kind` tells the failures apart.
 */
export abstract class VaultError extends Error {
  abstract readonly kind: VaultFailure['kind'];

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user, or the identity named, is not stored (any more). */
export class IdentityNotFoundError extends VaultError {
  readonly kind = 'not_found';

  constructor(
    readonly missing: 'user' | 'identity',
    message: string,
  ) {
    super(message);
  }
}

/** The identity's tokens are dead: only a new login through its connection brings them back. */
export class NeedsReauthorizationError extends VaultError {
  readonly kind = 'needs_reauthorization';
}

/** The connection the identity came through no longer exists, so nothing can refresh its tokens. */
export class ConnectionGoneError extends VaultError {
  readonly kind = 'connection_gone';
}

/**
 * The upstream rate-limited the identity's tokens, or the quota its connection's whole client shares,
 * and no stored token was good enough to serve meanwhile.
 */
export class TokenRateLimitedError extends VaultError {
  readonly kind = 'rate_limited';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * No token can be had now, for a reason the caller can only wait out: the upstream failed the
 * refresh, it refused the connection's own client, the connection cannot reach its upstream at all
 * (no credentials and no sandbox playing it, its API no longer offered or no plugin for it; or its
 * stored client secret cannot be opened), or another request still holds the identity's refresh
 * lock after the wait bound. All but the first and last are an administrator's to fix, which the
 * message says.
 */
export class TokenUnavailableError extends VaultError {
  readonly kind = 'unavailable';

  constructor(
    readonly reason: 'upstream_failed' | 'client_refused' | 'connection_not_configured' | 'client_secret_unreadable' | 'refresh_running',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Every vault failure; a surface's mapping switches over `kind`, so a new one fails to compile there. */
export type VaultFailure = IdentityNotFoundError | NeedsReauthorizationError | ConnectionGoneError | TokenRateLimitedError | TokenUnavailableError;

export function isVaultFailure(error: unknown): error is VaultFailure {
  return error instanceof VaultError;
}
