import type { EphemeralStore } from './ports.js';
import { backoffSeconds } from './upstream_backoff.js';

/**
 * Remembers, in the shared store, that the upstream rate-limited a connection's own client (a quota
 * every user of it shares: RateLimitScope `client` in connections/plugin.ts) and until when. Every
 * instance checks it before refreshing any identity of that connection, so an exhausted quota costs
 * one refused call until its window resets, not one per user whose token falls due (each would be
 * refused as well, and may count against the quota, pushing the reset further away).
 *
 * Kept with the upstream back-offs (same record kind, keys that cannot meet an identity's or a
 * refused client's), for the same reason and lifetime. Unlike an identity's back-off, no login lifts
 * it (new tokens draw on the same quota) and no save of the connection does: it ends with the window.
 * The connection is named within its tenant, so a tenant's pause holds back none of another's.
 */

interface ClientRateLimit {
  /** Epoch milliseconds when the upstream's window resets. */
  until: number;
}

function keyOf(tenant: string, connection: string): string {
  return ['client_rate_limited', tenant, connection].map(encodeURIComponent).join(':');
}

/** Seconds left before any identity of the connection may be refreshed again; 0 when it may now. */
export async function clientRateLimitRemainingSeconds(ephemeral: EphemeralStore, tenant: string, connection: string, now = Date.now()): Promise<number> {
  const pause = await ephemeral.get<ClientRateLimit>('upstream_backoff', keyOf(tenant, connection));
  return pause ? Math.max(0, Math.ceil((pause.until - now) / 1000)) : 0;
}

/** What rememberClientRateLimit did: the seconds to tell the caller, and whether it began (or lengthened) the pause. */
export interface ClientRateLimitPause {
  seconds: number;
  started: boolean;
}

/**
 * Pauses the connection until the upstream's reset (backoffSeconds: a minute when it named none),
 * unless a pause at least as long is recorded already: a refresh another instance sent before the
 * pause began may be answered later, with a nearer reset, which must not shorten it.
 */
export async function rememberClientRateLimit(
  ephemeral: EphemeralStore,
  tenant: string,
  connection: string,
  retryAfterSeconds: number | undefined,
  now = Date.now(),
): Promise<ClientRateLimitPause> {
  const seconds = backoffSeconds(retryAfterSeconds);
  const recorded = await clientRateLimitRemainingSeconds(ephemeral, tenant, connection, now);
  if (recorded >= seconds) return { seconds: recorded, started: false };
  await ephemeral.put<ClientRateLimit>('upstream_backoff', keyOf(tenant, connection), { until: now + seconds * 1000 }, seconds);
  return { seconds, started: true };
}
