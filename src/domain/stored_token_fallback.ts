import type { Sealer } from './ports.js';
import type { VaultAccessToken } from './token_freshness.js';
import type { Identity } from './types.js';
import type { UpstreamFailure, UpstreamFailureKind } from './upstream_token_client.js';

/**
 * Failures that say nothing about the stored tokens: the upstream is down, slow, rate-limiting, or
 * busy with the same refresh token elsewhere (Fitbit's 409, classified as unavailable). Not
 * 'unknown' (an invalid_client, a malformed answer, fitgate's own error): that is a fault someone
 * must fix, and it surfaces as today rather than hide for five minutes behind stored tokens.
 */
const PASSING: ReadonlySet<UpstreamFailureKind> = new Set(['unavailable', 'timeout', 'rate_limited']);

export function isPassingFailure(failure: UpstreamFailure): boolean {
  return PASSING.has(failure.kind);
}

/**
 * The stored access token, with its real remaining lifetime, while it has more than `marginMs` left
 * (TokenVaultTiming.servableMarginMs says why) and the identity is connected; undefined otherwise
 * (the caller then fails as it would have).
 */
export function servableStoredToken(identity: Identity, sealer: Sealer, now: number, marginMs: number): VaultAccessToken | undefined {
  const { tokens } = identity;
  if (identity.status !== 'connected' || !tokens || tokens.expiresAt - now <= marginMs) return undefined;
  return { accessToken: sealer.open(tokens.accessToken), expiresIn: Math.floor((tokens.expiresAt - now) / 1000) };
}
