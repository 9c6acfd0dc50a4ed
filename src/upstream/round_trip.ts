import type { Request } from 'express';
import type { Strategy } from 'passport';
import type { PluginProfile, PluginTokens } from '../connections/plugin.js';
import { callbackUrlOf } from '../domain/tenants.js';
import type { Connection } from '../domain/types.js';
import type { ResolvedUpstream } from './resolve_upstream.js';
import { RoundTripStateStore, type RoundTripFlow, type TakenRoundTrip } from './round_trip_state_store.js';
import { runStrategy } from './run_strategy.js';

/** What the upstream vouched for at the end of a round trip: its tokens and normalised profile. */
export interface VerifiedUpstream {
  tokens: PluginTokens;
  profile: PluginProfile;
}

/** Where a round trip goes: the resolved upstream of a connection, and the tenant's callback URL. */
export interface RoundTripTarget {
  readonly upstream: ResolvedUpstream;
  readonly connection: Connection;
  /** The tenant URL the round trip comes back to: the upstream returns to its callback URL. */
  readonly tenantUrl: string;
  /** Bounds the whole run (the plugin bounds each upstream call too). */
  readonly deadlineMs: number;
}

export type StartOutcome = { kind: 'redirect'; url: string } | { kind: 'error'; error: unknown };
export type FinishOutcome =
  | { kind: 'success'; verified: VerifiedUpstream }
  /** The strategy failed the login: the upstream's refusal (the user declined) or a state mismatch. */
  | { kind: 'fail'; challenge: unknown }
  | { kind: 'error'; error: unknown };

/**
 * The first half of an upstream round trip, as a user's login and an admin's TRY both run it: the
 * connection's strategy stores the flow's record (through `begin`, which returns the upstream
 * state) and answers with the authorize URL to send the browser to.
 */
export async function startRoundTrip(
  req: Request,
  target: RoundTripTarget,
  begin: (upstreamCodeVerifier: string) => Promise<string>,
  prompt?: readonly string[],
): Promise<StartOutcome> {
  const spelled = prompt ? target.upstream.plugin.authorizationPrompt(target.upstream.client.api, prompt) : undefined;
  const outcome = await run(req, target, { begin }, spelled ? { prompt: spelled } : {});
  if (outcome.kind === 'redirect' || outcome.kind === 'error') return outcome;
  return { kind: 'error', error: new Error(`the strategy answered ${outcome.kind} before the upstream`) };
}

/**
 * The second half, once the flow has taken its record (single use): the strategy exchanges the code
 * with that record's PKCE verifier and loads the profile.
 */
export async function finishRoundTrip(req: Request, target: RoundTripTarget, taken: TakenRoundTrip): Promise<FinishOutcome> {
  const outcome = await run(req, target, { taken }, {});
  switch (outcome.kind) {
    case 'success':
      return { kind: 'success', verified: outcome.user as VerifiedUpstream };
    case 'fail':
      return { kind: 'fail', challenge: outcome.challenge };
    case 'error':
      return outcome;
    default:
      return { kind: 'error', error: new Error(`the strategy answered ${outcome.kind} at the callback`) };
  }
}

/** A strategy with the state store it was built with, shared by every request of one target. */
interface BuiltStrategy {
  readonly strategy: Strategy;
  readonly store: RoundTripStateStore;
}

// Built once per resolved upstream (itself one per connection version, resolve_upstream.ts) and
// callback URL, not per request; dropped with the resolved upstream.
const built = new WeakMap<ResolvedUpstream, Map<string, BuiltStrategy>>();

function strategyFor(target: RoundTripTarget): BuiltStrategy {
  const { upstream, connection } = target;
  let byCallback = built.get(upstream);
  if (!byCallback) {
    byCallback = new Map();
    built.set(upstream, byCallback);
  }
  // The scope is part of the key as well, in case a caller resolved without the connection's version.
  const callbackUrl = callbackUrlOf(target.tenantUrl);
  const key = JSON.stringify([callbackUrl, connection.options.scope]);
  let entry = byCallback.get(key);
  if (!entry) {
    const store = new RoundTripStateStore();
    const strategy = upstream.plugin.createStrategy(
      {
        ...upstream.client,
        callbackURL: callbackUrl,
        scope: connection.options.scope,
        ...(upstream.authorizationBaseUrl ? { authorizationBaseUrl: upstream.authorizationBaseUrl } : {}),
        store,
      },
      (tokens, profile, done) => done(null, { tokens, profile } satisfies VerifiedUpstream),
    );
    entry = { strategy, store };
    byCallback.set(key, entry);
  }
  return entry;
}

async function run(req: Request, target: RoundTripTarget, flow: RoundTripFlow, options: object) {
  try {
    const { strategy, store } = strategyFor(target);
    store.bind(req, flow);
    return await runStrategy(strategy, req, options, target.deadlineMs);
  } catch (error) {
    return { kind: 'error', error } as const;
  }
}
