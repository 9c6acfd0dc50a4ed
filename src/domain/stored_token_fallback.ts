import type { Sealer } from './ports.js';
import type { VaultAccessToken } from './token_freshness.js';
import type { Identity } from './types.js';
import type { UpstreamFailure, UpstreamFailureKind } from './upstream_token_client.js';

/**
 * When a refresh cannot be had now, the stored access token is served instead while it has more than
 * this left. The vault refreshes five minutes ahead, so a stored token is normally far from expiry
 * when an upstream blip hits; withholding it would turn a harmless blip into an outage for the
 * caller. Below this margin it is not worth handing out: its expiresAt was taken when the upstream's
 * answer arrived, so it may run out up to one upstream timeout (10 s) earlier than stored, and the
 * caller still needs time to receive it and make its first upstream calls with it. Thirty seconds
 * covers both with room to spare, and still leaves four and a half minutes of retries before a
 * failing upstream reaches the caller.
 */
export const SERVABLE_MARGIN_MS = 30_000;

/**
 * How long a reader holding a servable token waits for a refresh before it is answered with that
 * token (the refresh carries on and stores its result for the next reader). Long enough for a healthy
 * refresh to finish (a few hundred milliseconds), so callers normally get the new, longer-lived
 * token; far shorter than the upstream's 10 s timeout, which a slow upstream would otherwise add to
 * every read of a token that works.
 */
export const REFRESH_PATIENCE_MS = 2_000;

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
 * The stored access token, with its real remaining lifetime, while it has more than the margin left
 * and the identity is connected; undefined otherwise (the caller then fails as it would have).
 */
export function servableStoredToken(identity: Identity, sealer: Sealer, now: number): VaultAccessToken | undefined {
  const { tokens } = identity;
  if (identity.status !== 'connected' || !tokens || tokens.expiresAt - now <= SERVABLE_MARGIN_MS) return undefined;
  return { accessToken: sealer.open(tokens.accessToken), expiresIn: Math.floor((tokens.expiresAt - now) / 1000) };
}
