import type { Strategy } from 'passport';
import type { VerifiedLogin } from '../domain/upstream_login.js';
import type { ResolvedUpstream } from './resolve_upstream.js';
import { RoundTripStateStore } from './round_trip_state_store.js';

/**
 * A connection's strategy as round_trip.ts runs it: built once for one resolved upstream and
 * callback URL (resolve_upstream.ts keeps it), with the one state store every request of it binds
 * its flow to.
 */
export interface RoundTripStrategy {
  readonly upstream: ResolvedUpstream;
  readonly strategy: Strategy;
  readonly store: RoundTripStateStore;
}

/** Builds the plugin's strategy for `upstream`, coming back to `callbackUrl` and asking for `scope`. */
export function buildRoundTripStrategy(upstream: ResolvedUpstream, callbackUrl: string, scope: string[]): RoundTripStrategy {
  const store = new RoundTripStateStore();
  const strategy = upstream.plugin.createStrategy(
    {
      ...upstream.client,
      callbackURL: callbackUrl,
      scope,
      ...(upstream.authorizationBaseUrl ? { authorizationBaseUrl: upstream.authorizationBaseUrl } : {}),
      store,
    },
    (tokens, profile, done) => done(null, { tokens, profile } satisfies VerifiedLogin),
  );
  return { upstream, strategy, store };
}
