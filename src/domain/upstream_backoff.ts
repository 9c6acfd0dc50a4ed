import { createHash } from 'node:crypto';
import type { EphemeralStore } from './ports.js';
import type { UpstreamTokens } from './types.js';

/**
 * Remembers, in the shared store, that an upstream answered 429 for one identity and until when.
 * Every instance checks it before calling the upstream, so a rate-limited user costs no further
 * upstream calls (which would only push the reset further away) until the upstream's window resets.
 *
 * The record is per identity (the vault's identity key), and it names the stored tokens the 429 was
 * answered for: a login that brings new tokens lifts it, without the login having to know the vault's
 * records (the login path holds no ephemeral store), and so does a refresh another instance managed
 * meanwhile. Nothing of the tokens is kept, only a digest of their sealed form.
 */

/**
 * When the upstream names no reset time: Google's window is a minute; Fitbit's at most an hour. Tuned
 * to those two: a plugin whose upstream says when to come back reports it (`retryAfterSeconds`).
 */
export const DEFAULT_BACKOFF_SECONDS = 60;

/** The whole seconds to wait for the upstream's `retryAfterSeconds`, DEFAULT_BACKOFF_SECONDS when it named none; at least one. */
export function backoffSeconds(retryAfterSeconds: number | undefined): number {
  return Math.max(1, Math.ceil(retryAfterSeconds ?? DEFAULT_BACKOFF_SECONDS));
}

interface Backoff {
  until: number;
  /** Which stored tokens it holds for; absent in records written before it was kept: any tokens. */
  tokens?: string;
}

/**
 * Seconds left before the upstream may be called again for that identity holding `tokens`; 0 when
 * it may now.
 */
export async function backoffRemainingSeconds(
  ephemeral: EphemeralStore,
  key: string,
  tokens: UpstreamTokens | undefined,
  now = Date.now(),
): Promise<number> {
  const backoff = await ephemeral.get<Backoff>('upstream_backoff', key);
  if (!backoff) return 0;
  if (backoff.tokens !== undefined && backoff.tokens !== digestOf(tokens)) return 0;
  return Math.max(0, Math.ceil((backoff.until - now) / 1000));
}

/** Records the reset time for these stored tokens; returns the seconds the caller should be told to wait. */
export async function recordBackoff(
  ephemeral: EphemeralStore,
  key: string,
  tokens: UpstreamTokens | undefined,
  retryAfterSeconds: number | undefined,
  now = Date.now(),
): Promise<number> {
  const seconds = backoffSeconds(retryAfterSeconds);
  const digest = digestOf(tokens);
  await ephemeral.put<Backoff>('upstream_backoff', key, { until: now + seconds * 1000, ...(digest ? { tokens: digest } : {}) }, seconds);
  return seconds;
}

// Every seal draws a fresh IV, so a login or a refresh always stores a different sealed access token.
function digestOf(tokens: UpstreamTokens | undefined): string | undefined {
  return tokens ? createHash('sha256').update(tokens.accessToken).digest('base64url').slice(0, 22) : undefined;
}
