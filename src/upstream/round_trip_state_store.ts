import type { Request } from 'express';

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (error: Error | null, verifier: string | false, info?: { message: string }) => void;

/** What a flow keeps of its round trip: the state sent upstream and the PKCE verifier for the exchange. */
export interface TakenRoundTrip {
  readonly upstreamState: string;
  readonly upstreamCodeVerifier: string;
}

/**
 * passport-oauth2's state store (its PKCE flavour, told apart by method arity) for every upstream
 * round trip, a user's login and an admin's TRY alike. `store` hands the new PKCE verifier to the
 * flow's `begin`, which keeps the flow's own record and answers with the upstream state. `verify`
 * does no lookup: the flow has already taken its record out of the store (it needs it even when the
 * upstream answers with an error, where passport skips verify) and hands it here, so passport
 * exchanges the code with that record's verifier only.
 */
export class RoundTripStateStore {
  constructor(
    private readonly options: {
      /** Starting: keeps the flow's record under a new upstream state and returns that state. */
      begin?: (upstreamCodeVerifier: string) => Promise<string>;
      /** Finishing: the record the flow took for this request. */
      taken?: TakenRoundTrip;
    },
  ) {}

  store(_req: Request, verifier: string, _state: unknown, _meta: unknown, callback: StoreCallback): void {
    const begin = this.options.begin;
    if (!begin) return callback(new Error('this round trip only finishes; it cannot begin another'));
    begin(verifier).then(
      (upstreamState) => callback(null, upstreamState),
      (error: Error) => callback(error),
    );
  }

  verify(_req: Request, providedState: unknown, callback: VerifyCallback): void {
    const taken = this.options.taken;
    if (!taken || providedState !== taken.upstreamState) {
      callback(null, false, { message: 'The login state does not match.' });
      return;
    }
    callback(null, taken.upstreamCodeVerifier);
  }
}
