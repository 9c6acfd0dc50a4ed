import type { EphemeralStore } from './ports.js';

/**
 * Remembers, in the shared store, that an upstream answered 429 for one identity and until when.
 * Every instance checks it before calling the upstream, so a rate-limited user costs no further
 * upstream calls (which would only push the reset further away) until the upstream's window resets.
 */

/** When the upstream names no reset time: Google's window is a minute; Fitbit's at most an hour. */
export const DEFAULT_BACKOFF_SECONDS = 60;

interface Backoff {
  until: number;
}

/** Seconds left before the upstream may be called again for that identity; 0 when it may now. */
export async function backoffRemainingSeconds(ephemeral: EphemeralStore, key: string, now = Date.now()): Promise<number> {
  const backoff = await ephemeral.get<Backoff>('upstream_backoff', key);
  if (!backoff) return 0;
  return Math.max(0, Math.ceil((backoff.until - now) / 1000));
}

/** Records the reset time; returns the seconds the caller should be told to wait. */
export async function recordBackoff(
  ephemeral: EphemeralStore,
  key: string,
  retryAfterSeconds: number | undefined,
  now = Date.now(),
): Promise<number> {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds ?? DEFAULT_BACKOFF_SECONDS));
  await ephemeral.put<Backoff>('upstream_backoff', key, { until: now + seconds * 1000 }, seconds);
  return seconds;
}
