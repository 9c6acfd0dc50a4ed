import { connectionPause, connectionPauseError } from './connection_pause.js';
import { refreshable } from './refreshable.js';
import { identityKey, type IdentityRef } from './stored_identity.js';
import { servableStoredToken, type VaultAccessToken } from './stored_token_policy.js';
import type { ResolvedVaultDeps } from './token_vault_deps.js';
import type { Connection, Identity } from './types.js';
import { backoffRemainingSeconds } from './upstream_backoff.js';
import { TokenRateLimitedError } from './vault_errors.js';
import type { StoredTokenReason } from './vault_metrics.js';

/**
 * What the vault answers a reader with instead of a refresh: the stored token, counted, while the
 * rules allow it (stored_token_policy.ts), or the failure of why no refresh is sent. Apart from the
 * refresh's own steps (token_refresh.ts), since the vault asks them before it takes a lock as well.
 */

/**
 * For a caller who cannot have a refresh now: the stored token while it is still good for a while
 * (TokenVaultTiming.servableMarginMs), counted by `reason`; undefined when it is not.
 */
export function servedStoredToken(
  deps: ResolvedVaultDeps,
  ref: IdentityRef,
  identity: Identity,
  reason: StoredTokenReason,
): VaultAccessToken | undefined {
  const stored = servableStoredToken(identity, deps.sealer, deps.now(), deps.timing.servableMarginMs);
  if (stored) deps.metrics.servedStoredToken(ref.tenant, ref.connection, reason);
  return stored;
}

/** The stored token as servedStoredToken gives it, else `error`, as before. */
export function storedTokenOr(deps: ResolvedVaultDeps, ref: IdentityRef, identity: Identity, reason: StoredTokenReason, error: Error): VaultAccessToken {
  const stored = servedStoredToken(deps, ref, identity, reason);
  if (!stored) throw error;
  return stored;
}

/**
 * Undefined when the upstream may be called for this identity; otherwise what holds the refresh
 * back answers (storedTokenIfHeldBackWith). The vault asks before each refresh it would send (before
 * taking the identity's lock, while waiting for it, and again holding it), so no reader waits for a
 * lock, or sends a refresh, only to be held back.
 */
export async function storedTokenIfHeldBack(deps: ResolvedVaultDeps, ref: IdentityRef, identity: Identity): Promise<VaultAccessToken | undefined> {
  // Nothing is sent upstream for an identity with no refresh token, so nothing holds it back: its own
  // rule serves it or forgets it (refreshHoldingLock), paused connection or not.
  if (!refreshable(identity)) return undefined;
  return storedTokenIfHeldBackWith(deps, ref, identity, await deps.connections.getByName(ref.tenant, ref.connection));
}

/**
 * storedTokenIfHeldBack, for a caller that has read the connection already. While an upstream's
 * rate-limit window is open, for the tokens the identity holds or for its connection's whole client:
 * the stored token if it is still good for a while, else the rate-limited failure with the seconds
 * left (the longer window's, when both are open). While the connection's client is refused: the
 * refusal, whatever the stored token has left and whatever back-off the identity is in as well
 * (stored_token_policy.ts, rule 6), so every reader of the connection hears the fix it needs. A
 * connection that no longer exists holds nothing back: the refresh answers it as gone, as it does
 * for one that was never paused, rather than as rate-limited until a window that no longer matters.
 */
export async function storedTokenIfHeldBackWith(
  deps: ResolvedVaultDeps,
  ref: IdentityRef,
  identity: Identity,
  connection: Connection | undefined,
): Promise<VaultAccessToken | undefined> {
  if (!connection) return undefined;
  const now = deps.now();
  const [own, pause] = await Promise.all([
    backoffRemainingSeconds(deps.ephemeral, identityKey(ref), identity.tokens, now),
    connectionPause(deps.ephemeral, ref, connection, now),
  ]);
  if (pause?.reason === 'client_refused') throw connectionPauseError(ref.connection, pause);
  if (pause && pause.seconds >= own) return storedTokenOr(deps, ref, identity, 'backing_off', connectionPauseError(ref.connection, pause));
  if (own > 0) return storedTokenOr(deps, ref, identity, 'backing_off', rateLimitedError(ref, own));
  return undefined;
}

/** The failure of a reader held back by this identity's own rate-limit window, `seconds` left. */
export function rateLimitedError(ref: IdentityRef, seconds: number): TokenRateLimitedError {
  return new TokenRateLimitedError(
    `The upstream rate-limited the ${ref.connection} identity ${ref.upstreamUserId}; retry after ${seconds} seconds.`,
    seconds,
  );
}
