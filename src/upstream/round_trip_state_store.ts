import type { Request } from 'express';

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (error: Error | null, verifier: string | boolean, info?: { message: string }) => void;

/**
 * What a flow keeps of its round trip: the state sent upstream and, when the strategy uses PKCE,
 * the verifier for the exchange.
 */
export interface TakenRoundTrip {
  readonly upstreamState: string;
  /** Absent when the strategy sent no code challenge (an upstream without PKCE). */
  readonly upstreamCodeVerifier?: string;
}

/** One request's part in a round trip: starting it (`begin`) or finishing it (`taken`). */
export interface RoundTripFlow {
  /** Starting: keeps the flow's record under a new upstream state and returns that state. */
  readonly begin?: (upstreamCodeVerifier: string | undefined) => Promise<string>;
  /** Finishing: the record the flow took for this request. */
  readonly taken?: TakenRoundTrip;
}

/**
 * passport-oauth2's state store (its PKCE flavour, told apart by method arity, which serves a
 * strategy without PKCE as well: passport-oauth2 then hands it no verifier) for every upstream
 * round trip, a user's login and an admin's TRY alike. One store serves a strategy built once for
 * many requests: each request's flow is bound to the request (`bind`) and found by it, since
 * passport hands the request to both methods. `store` hands the new PKCE verifier, if any, to the
 * flow's `begin`, which keeps the flow's own record and answers with the upstream state. `verify`
 * does no lookup: the flow has already taken its record out of the store (it needs it even when
 * the upstream answers with an error, where passport skips verify) and binds it here, so passport
 * exchanges the code with that record's verifier only.
 */
export class RoundTripStateStore {
  private readonly flows = new WeakMap<Request, RoundTripFlow>();

  bind(req: Request, flow: RoundTripFlow): void {
    this.flows.set(req, flow);
  }

  // Called by passport-oauth2 while it builds the authorize URL, before it redirects; `begin` is
  // startRoundTrip's wrapper (round_trip.ts) of the flow's own (start_upstream_login.ts, try_start.ts).
  store(req: Request, verifier: string | undefined, _state: unknown, _meta: unknown, callback: StoreCallback): void {
    const begin = this.flows.get(req)?.begin;
    if (!begin) return callback(new Error('this round trip only finishes; it cannot begin another'));
    begin(verifier).then(
      (upstreamState) => callback(null, upstreamState),
      (error: Error) => callback(error),
    );
  }

  verify(req: Request, providedState: unknown, callback: VerifyCallback): void {
    const taken = this.flows.get(req)?.taken;
    if (!taken || providedState !== taken.upstreamState) {
      callback(null, false, { message: 'The login state does not match.' });
      return;
    }
    // passport-oauth2 reads a string as the PKCE verifier to send and `true` as a state that
    // matched without one; a missing verifier must not read as a mismatch (`false`).
    callback(null, taken.upstreamCodeVerifier ?? true);
  }
}
