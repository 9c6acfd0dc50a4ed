import type { Request } from 'express';
import type { ResolvedUpstream } from './resolve_upstream.js';
import { startRoundTrip, type RoundTripTarget, type StartOutcome, type UpstreamAsk } from './round_trip.js';
import type { TakenRoundTrip } from './round_trip_state_store.js';

/**
 * Starts a new round trip from the callback request that finished the last one (a login sent back
 * to its upstream once: authn/login/callback/send_back_for_refresh_token.ts). A strategy tells a
 * callback from a start by the request's query (and a form post's body): with the callback's `code`
 * or `error` still there it would exchange or refuse instead of sending the browser upstream. So it
 * runs on a view of the request without them, the same request in every other respect (headers,
 * cookies, session), to which startRoundTrip binds the new flow.
 */
export function startRoundTripAgain<Kept extends TakenRoundTrip>(
  req: Request,
  target: RoundTripTarget,
  begin: (upstreamCodeVerifier: string | undefined, upstream: ResolvedUpstream) => Promise<Kept>,
  ask: UpstreamAsk,
): Promise<StartOutcome<Kept>> {
  const start = Object.create(req, { query: { value: {}, enumerable: true }, body: { value: undefined, enumerable: true } }) as Request;
  return startRoundTrip(start, target, begin, ask);
}
