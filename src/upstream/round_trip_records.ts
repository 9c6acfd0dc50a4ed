import { randomBytes } from 'node:crypto';
import type { EphemeralKind, EphemeralStore, LeftBehind } from '../domain/ports.js';
import type { TakenRoundTrip } from './round_trip_state_store.js';

/** How long a user may take at the upstream's sign-in and consent pages, in a login or a TRY alike. */
export const ROUND_TRIP_TTL_SECONDS = 600;

/** The flows that send a browser upstream, each keeping its records under a kind of its own. */
export type RoundTripKind = Extract<EphemeralKind, 'login_transaction' | 'try_transaction'>;

/** What every flow keeps of its round trip, beside its own fields, under the state it sent upstream. */
export interface RoundTripRecord extends TakenRoundTrip {
  /** Epoch milliseconds. */
  readonly startedAt: number;
}

const UPSTREAM_STATE = /^[A-Za-z0-9_-]{43}$/;

/** Whether `value` can be a state fitgate sent upstream (32 random bytes, base64url), before any lookup. */
export function isUpstreamState(value: unknown): value is string {
  return typeof value === 'string' && UPSTREAM_STATE.test(value);
}

/**
 * Stores a flow's record of a new round trip under a new upstream state (32 random bytes, unrelated
 * to any client's state) and returns it. `upstreamCodeVerifier` is undefined when the strategy uses
 * no PKCE; the record then has none.
 */
export async function beginRoundTripRecord<Fields extends object>(
  ephemeral: Pick<EphemeralStore, 'put'>,
  kind: RoundTripKind,
  fields: Fields,
  upstreamCodeVerifier: string | undefined,
  now = Date.now(),
): Promise<Fields & RoundTripRecord> {
  const record = {
    ...fields,
    upstreamState: randomBytes(32).toString('base64url'),
    ...(upstreamCodeVerifier === undefined ? {} : { upstreamCodeVerifier }),
    startedAt: now,
  };
  await ephemeral.put(kind, record.upstreamState, record, ROUND_TRIP_TTL_SECONDS);
  return record;
}

/**
 * Takes a round trip's record out of the store: a state works once. Undefined when the state is
 * unknown, expired or already used, and for values that cannot be a state (they never reach the store).
 * `leave`: what to remember in its place, in the same step (EphemeralStore.consume).
 */
export async function takeRoundTripRecord<Taken extends RoundTripRecord>(
  ephemeral: Pick<EphemeralStore, 'consume'>,
  kind: RoundTripKind,
  upstreamState: unknown,
  leave?: (upstreamState: string) => LeftBehind,
): Promise<Taken | undefined> {
  if (!isUpstreamState(upstreamState)) return undefined;
  return ephemeral.consume<Taken>(kind, upstreamState, leave?.(upstreamState));
}

/** Seconds left of a round trip begun at `startedAt`, at least one (for rewriting its record). */
export function roundTripSecondsLeft(startedAt: number, now = Date.now()): number {
  return Math.max(1, ROUND_TRIP_TTL_SECONDS - Math.floor((now - startedAt) / 1000));
}
