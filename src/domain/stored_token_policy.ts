import { describeReauthorization, type ReauthorizationReason } from './identity_status.js';
import type { Sealer } from './ports.js';
import type { Identity } from './types.js';
import type { UpstreamFailure } from './upstream_token_client.js';
import { NeedsReauthorizationError } from './vault_errors.js';

/**
 * What the token vault does with an identity's stored upstream tokens, rule by rule. These decide;
 * the vault (token_vault.ts, token_refresh.ts, stored_token_answers.ts) reads the store, calls the
 * upstream, and counts and logs what it did. The two margins are TokenVaultTiming's
 * (token_vault_deps.ts says why each is what it is): `refreshMarginMs` (5 min) and
 * `servableMarginMs` (30 s).
 *
 * 1. Dead: an identity that needs reauthorization, or holds no tokens, has no token to give; every
 *    reader is told so, with what to do (needsReauthorizationError).
 * 2. Fresh: a token with more than the refresh margin left is handed out as it is (freshStoredToken).
 * 3. Otherwise it is refreshed, when the identity holds a refresh token (refreshable.ts, the rule a
 *    login's report uses too).
 * 4. The 30 s floor: a token with more than the servable margin left is still served whenever a
 *    refresh cannot be had now: the upstream's rate-limit window is open, the refresh failed for a
 *    passing reason (servesStoredTokenThrough), it is slower than the reader's patience, or another
 *    process's refresh outlasted the wait bound (servableStoredToken). With the floor or less left,
 *    it is never handed out: it may be dead before the caller uses it.
 * 5. Unrefreshable: without a refresh token, the stored token is served while it is above the floor,
 *    and then the identity is forgotten as `refresh_token_missing` (unrefreshableStoredToken).
 * 6. A failed refresh's outcome (upstream_token_client.ts) decides the rest: `reauthorize` forgets
 *    the tokens for its reason however long they have left (a revoked grant usually takes its access
 *    tokens with it, and every later read answers the same); `client_refused` and `unexplained` keep
 *    them, unserved, so the fault is noticed rather than hidden for the token's last minutes;
 *    `passing` serves them by rule 4.
 *
 * Forgetting is markNeedsReauthorization (identity_status.ts): the status, its reason, and the
 * tokens dropped. Besides the vault, it is how an unlink of a user's only identity and a re-seal that
 * lost its master key forget tokens (identity_removal.ts, forget_lost_values.ts).
 */

/** An upstream access token as handed to an authorised caller. */
export interface VaultAccessToken {
  accessToken: string;
  /** Seconds until it expires, as Auth0 reports `expires_in` for identity provider tokens. */
  expiresIn: number;
}

/** Rule 1: what every reader of a disconnected identity gets, naming the status and what to do. */
export function needsReauthorizationError(identity: Identity): NeedsReauthorizationError {
  return new NeedsReauthorizationError(describeReauthorization(identity));
}

/**
 * Rule 2: the stored access token when it stays valid longer than `refreshMarginMs`; undefined when
 * it must be refreshed first. Throws the needs_reauthorization error for an identity whose tokens
 * are dead (rule 1).
 */
export function freshStoredToken(identity: Identity, sealer: Sealer, now: number, refreshMarginMs: number): VaultAccessToken | undefined {
  if (identity.status === 'needs_reauthorization' || !identity.tokens) throw needsReauthorizationError(identity);
  const { tokens } = identity;
  if (tokens.expiresAt - now <= refreshMarginMs) return undefined;
  return { accessToken: sealer.open(tokens.accessToken), expiresIn: Math.floor((tokens.expiresAt - now) / 1000) };
}

/**
 * Rule 4: the stored access token, with its real remaining lifetime, while it has more than
 * `servableMarginMs` left and the identity is connected; undefined otherwise (the caller then fails
 * as it would have).
 */
export function servableStoredToken(identity: Identity, sealer: Sealer, now: number, servableMarginMs: number): VaultAccessToken | undefined {
  const { tokens } = identity;
  if (identity.status !== 'connected' || !tokens || tokens.expiresAt - now <= servableMarginMs) return undefined;
  return { accessToken: sealer.open(tokens.accessToken), expiresIn: Math.floor((tokens.expiresAt - now) / 1000) };
}

// Rules 4 and 6: only a passing failure (down, slow, rate limiting, busy with the same refresh token
// elsewhere) says nothing about the tokens. A Record, so that an outcome added fails the type check
// here until someone decides.
const SERVED_THROUGH: Readonly<Record<UpstreamFailure['outcome'], boolean>> = {
  reauthorize: false,
  client_refused: false,
  passing: true,
  unexplained: false,
};

/** Whether a failed refresh leaves the stored token servable (servableStoredToken then says whether it is). */
export function servesStoredTokenThrough(failure: UpstreamFailure): boolean {
  return SERVED_THROUGH[failure.outcome];
}

/**
 * Rule 5, for an identity the vault cannot refresh: its stored token while it is servable; once it
 * is not, the reason to forget its tokens for (the user signs in again, as they would a few seconds
 * later).
 */
export function unrefreshableStoredToken(
  identity: Identity,
  sealer: Sealer,
  now: number,
  servableMarginMs: number,
): { serve: VaultAccessToken } | { forget: ReauthorizationReason } {
  const held = servableStoredToken(identity, sealer, now, servableMarginMs);
  return held ? { serve: held } : { forget: 'refresh_token_missing' };
}
