import type { EphemeralStore } from '../../domain/ports.js';
import type { CallbackHandoff } from '../../upstream/callback_handoff.js';
import {
  beginRoundTripRecord,
  isUpstreamState,
  roundTripSecondsLeft,
  takeRoundTripRecord,
  type RoundTripRecord,
} from '../../upstream/round_trip_records.js';
import { usedTryState } from './try_used_state.js';

/**
 * One TRY in flight: an admin's test login through a connection, from the dashboard to the upstream
 * and back through the tenant's real callback URL. Kept as a `try_transaction` record under the
 * upstream state, like a login transaction, so /login/callback can tell a TRY's state from a login's
 * and hand it to /manage/try/callback.
 */
export interface PendingTry {
  tenant: string;
  connectionId: string;
  strategy: string;
  api: string;
  /** The admin who pressed Try: only they may see the result. */
  adminEmail: string;
  /** Where the admin uses the dashboard (a tenant URL): the result page is shown there. */
  dashboardUrl: string;
  requestedScopes: string[];
  sandbox: boolean;
  /**
   * The fingerprint of the settings this TRY tries (tried_settings.ts), taken when it starts: an
   * admin saving other settings meanwhile must not have them counted as tried.
   */
  settings: string;
}

export type TryTransaction = PendingTry &
  RoundTripRecord & {
    /** The authorize URL the browser was sent to, for the result's steps. */
    authorizeUrl?: string;
  };

/** Where /login/callback sends a TRY's callback, with the same query. */
export const TRY_CALLBACK_PATH = '/manage/try/callback';

/** Stores a new TRY in flight; no verifier: an upstream without PKCE. */
export function beginTry(ephemeral: EphemeralStore, pending: PendingTry, upstreamCodeVerifier: string | undefined): Promise<TryTransaction> {
  return beginRoundTripRecord(ephemeral, 'try_transaction', pending, upstreamCodeVerifier);
}

/** Records the authorize URL once passport has built it (the state store runs before it exists). */
export async function rememberAuthorizeUrl(ephemeral: EphemeralStore, transaction: TryTransaction, authorizeUrl: string): Promise<void> {
  await ephemeral.put('try_transaction', transaction.upstreamState, { ...transaction, authorizeUrl }, roundTripSecondsLeft(transaction.startedAt));
}

/**
 * Drops a TRY whose browser is never sent upstream (the upstream refused its authorize page): no
 * callback can come for it, and no used state is remembered, since none was ever used.
 */
export async function abandonTry(ephemeral: EphemeralStore, transaction: TryTransaction): Promise<void> {
  await ephemeral.delete('try_transaction', transaction.upstreamState);
}

/**
 * Whether `state` belongs to a TRY, in flight or used lately (try_used_state.ts), without using it up
 * (for /login/callback, which forwards such a callback to TRY's route).
 */
async function isTryState(ephemeral: EphemeralStore, state: unknown): Promise<boolean> {
  if (!isUpstreamState(state)) return false;
  return (await ephemeral.get('try_transaction', state)) !== undefined || (await ephemeral.get('try_used_state', state)) !== undefined;
}

/**
 * Takes the TRY out of the store, remembering its state as used, by the callback whose query is
 * `callbackQuery`, in the same step: a state works once.
 */
export function takeTry(ephemeral: EphemeralStore, state: unknown, callbackQuery: string): Promise<TryTransaction | undefined> {
  return takeRoundTripRecord<TryTransaction>(ephemeral, 'try_transaction', state, (taken) => usedTryState(taken, callbackQuery));
}

/** Lets /login/callback hand a TRY's return to the dashboard (wired in app.ts). */
export function tryCallbackHandoff(ephemeral: EphemeralStore): CallbackHandoff {
  return { path: TRY_CALLBACK_PATH, claims: (state) => isTryState(ephemeral, state) };
}
