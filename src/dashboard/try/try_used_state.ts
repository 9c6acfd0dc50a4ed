import { createHash } from 'node:crypto';
import type { EphemeralStore, LeftBehind } from '../../domain/ports.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS } from '../../upstream/resolve_upstream.js';
import { isUpstreamState } from '../../upstream/round_trip_records.js';
import { waitForRecord } from '../wait_for_record.js';

/**
 * A used TRY's state is remembered this long (as long as its report is kept), as a `try_used_state`
 * record under the state. The same callback again (hit twice at once, or its address reloaded)
 * goes where the first went: to its report, once saved. Another callback with the state (the admin
 * went Back to the upstream's consent page and allowed again: a new code) lands on TRY's own page
 * ("already used: press Try again"): not on the login's, which would send them back to an
 * application they never left, nor on the report of an answer it is not.
 */
const USED_TRY_SECONDS = 15 * 60;

/**
 * How long the same callback a second time waits for the first to save its report: a first
 * callback makes up to three upstream calls, each bounded by the upstream's timeout
 * (round_trip.ts's finish deadline), then a few store writes.
 */
const FIRST_CALLBACK_WAIT_MS = 3 * DEFAULT_UPSTREAM_TIMEOUT_MS + 5_000;

interface UsedTryState {
  used: true;
  /** The callback's query that used the state, hashed (it holds the code); absent in a record of the version before it. */
  callback?: string;
  /** When the state was used (epoch ms); absent in a record of a version before it. */
  at?: number;
  /** Set once that callback was answered: where it sent the browser, when it saved a report. */
  settled?: { tenant: string; location?: string };
}

/** What taking a TRY leaves under its state, in the same step (takeTry). */
export function usedTryState(state: string, callbackQuery: string): LeftBehind {
  return { kind: 'try_used_state', key: state, value: { used: true, callback: digest(callbackQuery), at: Date.now() } satisfies UsedTryState, ttlSeconds: USED_TRY_SECONDS };
}

/** Records how the callback that used `state` was answered: the report's page it sent the browser to, or none. */
export async function settleUsedTry(ephemeral: EphemeralStore, state: string, callbackQuery: string, settled: UsedTryState['settled']): Promise<void> {
  const value: UsedTryState = { used: true, callback: digest(callbackQuery), settled };
  await ephemeral.put('try_used_state', state, value, USED_TRY_SECONDS);
}

/**
 * Where a callback whose state is used goes instead of "already used": the report the same
 * callback (the same query) saved for this tenant, waited for while that callback is still at
 * work. Undefined for another callback, or when the first saved no report.
 */
export async function repeatedCallbackLanding(ephemeral: EphemeralStore, state: unknown, callbackQuery: string, tenant: string): Promise<string | undefined> {
  if (!isUpstreamState(state)) return undefined;
  const callback = digest(callbackQuery);
  // Waited for only while the first may still be at work (what is left of the bound since it used
  // the state): one that died, or failed to settle, does not hold every repeat of its address.
  const usedAt = (await ephemeral.get<UsedTryState>('try_used_state', state))?.at ?? Date.now();
  const waitMs = Math.min(FIRST_CALLBACK_WAIT_MS, usedAt + FIRST_CALLBACK_WAIT_MS - Date.now());
  const found = await waitForRecord(async () => {
    const used = await ephemeral.get<UsedTryState>('try_used_state', state);
    // Another callback (or a record from before callbacks were kept): nothing to wait for.
    if (used?.callback !== callback) return { settled: undefined };
    return used.settled && { settled: used.settled };
  }, waitMs);
  return found?.settled?.tenant === tenant ? found.settled.location : undefined;
}

function digest(callbackQuery: string): string {
  return createHash('sha256').update(callbackQuery).digest('base64url');
}
