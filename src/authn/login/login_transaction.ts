import type { EphemeralStore } from '../../domain/ports.js';
import { beginRoundTripRecord, takeRoundTripRecord, type RoundTripRecord } from '../../upstream/round_trip_records.js';
import type { ResponseMode, ResponseType } from './authorize/response_types.js';

/** The client's authorization request, as /authorize verified it. */
export interface PendingAuthorization {
  tenant: string;
  clientId: string;
  redirectUri: string;
  /** Absent in logins started before fitgate served other response types: code, in the query. */
  responseType?: ResponseType;
  responseMode?: ResponseMode;
  /** The client's own state, returned to it untouched. */
  state?: string;
  nonce?: string;
  scope: string[];
  codeChallenge?: string;
  codeChallengeMethod?: 'S256';
  prompt: string[];
  /**
   * The client's login_hint, for the upstream's sign-in page. It lives as long as the transaction
   * (taken at the callback, or expired) and goes no further: not into the code, the session or a log.
   */
  loginHint?: string;
  /** Connection name, e.g. "fitbit". */
  connection: string;
}

/** What fitgate itself keeps of a login's earlier rounds upstream, beside the client's request. */
export interface LoginRounds {
  /**
   * The callback sent this login back to its upstream once already, for a refresh token
   * (callback/send_back_for_refresh_token.ts): this round finishes it, whatever it brings.
   */
  sentBackForRefreshToken?: true;
  /**
   * Of such a round: the round it replaced, whose callback the person may come back to (the back
   * button from the upstream's second page), as usedStateHash of that round's upstream state, and
   * the upstream's name, for the page that answers it (callback/sent_back_page.ts). Absent in rounds
   * sent back before fitgate kept it: such a callback gets the page of any used state.
   */
  replacedRound?: { state: string; upstream: string };
}

/**
 * One login in flight between /authorize and /login/callback. Kept in the shared store (not the
 * session or memory) under the upstream state, so any instance sharing the store can finish it.
 */
export type LoginTransaction = PendingAuthorization & LoginRounds & RoundTripRecord;

/** Stores a new transaction and returns it; its upstreamState is the key. No verifier: an upstream without PKCE. */
export function beginLoginTransaction(
  ephemeral: EphemeralStore,
  pending: PendingAuthorization & LoginRounds,
  upstreamCodeVerifier: string | undefined,
  now = Date.now(),
): Promise<LoginTransaction> {
  return beginRoundTripRecord(ephemeral, 'login_transaction', pending, upstreamCodeVerifier, now);
}

/**
 * The transaction as stored, left there: for answering the client while the store refuses writes
 * (store_down_callback.ts), so the login can still be finished once it accepts them again.
 */
export function readLoginTransaction(ephemeral: Pick<EphemeralStore, 'get'>, upstreamState: string): Promise<LoginTransaction | undefined> {
  return ephemeral.get<LoginTransaction>('login_transaction', upstreamState);
}

/** Takes the transaction out of the store: a state works once (round_trip_records.ts). */
export function takeLoginTransaction(ephemeral: EphemeralStore, upstreamState: unknown): Promise<LoginTransaction | undefined> {
  return takeRoundTripRecord<LoginTransaction>(ephemeral, 'login_transaction', upstreamState);
}
