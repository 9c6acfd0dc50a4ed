import type { Request } from 'express';
import type { PluginAuthorizeOptions, PluginFailure } from '../connections/plugin.js';
import { readFailChallenge } from '../domain/read_plugin_failure.js';
import type { Connection } from '../domain/types.js';
import type { UpstreamResolver } from './resolve_upstream.js';
import type { RoundTripFlow, TakenRoundTrip } from './round_trip_state_store.js';
import type { RoundTripStrategy, VerifiedUpstream } from './round_trip_strategy.js';
import { runStrategy, type StrategyOutcome } from './run_strategy.js';
import { UnstoredRoundTripError } from './unstored_round_trip_error.js';

export type { VerifiedUpstream } from './round_trip_strategy.js';

/** Where a round trip goes: a connection's upstream, coming back to the tenant's callback URL. */
export interface RoundTripTarget {
  /** Keeps the connection's strategy, built once per connection version and tenant URL. */
  readonly upstreams: Pick<UpstreamResolver, 'strategyFor'>;
  readonly connection: Connection;
  /** The tenant URL the round trip comes back to: the upstream returns to its callback URL. */
  readonly tenantUrl: string;
  /** Bounds the whole run (the plugin bounds each upstream call too). */
  readonly deadlineMs: number;
}

/** A redirect only once the flow's record is stored: without it the callback could never finish. */
export type StartOutcome<Kept> = { kind: 'redirect'; url: string; record: Kept } | { kind: 'error'; error: unknown };

export type FinishOutcome =
  | { kind: 'success'; verified: VerifiedUpstream }
  /** The callback carried neither a code nor an error (or one of them repeated): nothing to finish. */
  | { kind: 'no_answer' }
  /** The user refused at the upstream: the PluginFailChallenge's `error`, as read_plugin_failure.ts reads it. */
  | { kind: 'refused'; failure: PluginFailure }
  /** Passport's own state check refused the callback: the state is not the one this flow took (expired, used). */
  | { kind: 'state_rejected'; message: string | undefined }
  | { kind: 'error'; error: unknown };

/**
 * The first half of an upstream round trip, as a user's login and an admin's TRY both run it: the
 * connection's strategy stores the flow's record through `begin` (given the PKCE verifier, or
 * undefined for an upstream without PKCE) and answers with the authorize URL to send the browser to.
 * `prompt` is the client's (OpenID Connect's words), `loginHint` the client's login_hint: the plugin
 * decides what its upstream hears of each.
 */
export async function startRoundTrip<Kept extends TakenRoundTrip>(
  req: Request,
  target: RoundTripTarget,
  begin: (upstreamCodeVerifier: string | undefined) => Promise<Kept>,
  prompt?: readonly string[],
  loginHint?: string,
): Promise<StartOutcome<Kept>> {
  const kept: { record?: Kept } = {};
  const flow: RoundTripFlow = {
    begin: async (verifier) => {
      kept.record = await begin(verifier);
      return kept.record.upstreamState;
    },
  };
  const outcome = await run(req, target, flow, ({ upstream }): PluginAuthorizeOptions => {
    const spelled = prompt ? upstream.plugin.authorizationPrompt(upstream.client.api, prompt) : undefined;
    return { ...(spelled ? { prompt: spelled } : {}), ...(loginHint !== undefined ? { loginHint } : {}) };
  });
  if (outcome.kind === 'error') return outcome;
  if (outcome.kind !== 'redirect') return { kind: 'error', error: new Error(`the strategy answered ${outcome.kind} before the upstream`) };
  // A strategy that ignores options.store would send the browser off on a login that can only fail.
  if (!kept.record) return { kind: 'error', error: new UnstoredRoundTripError(target.connection.strategy) };
  return { kind: 'redirect', url: outcome.url, record: kept.record };
}

/**
 * The second half, once the flow has taken its record (single use): the strategy exchanges the code
 * (with that record's PKCE verifier, if it has one) and loads the profile.
 */
export async function finishRoundTrip(req: Request, target: RoundTripTarget, taken: TakenRoundTrip): Promise<FinishOutcome> {
  const query = req.query as Record<string, unknown>;
  // Without either, the strategy would start a new authorization instead of finishing this one.
  if (!isOneValue(query.code) && !isOneValue(query.error)) return { kind: 'no_answer' };
  const outcome = await run(req, target, { taken }, () => ({}));
  switch (outcome.kind) {
    case 'success':
      return { kind: 'success', verified: outcome.user as VerifiedUpstream };
    case 'fail':
      return failureOf(outcome.challenge, query);
    case 'error':
      return outcome;
    default:
      return { kind: 'error', error: new Error(`the strategy answered ${outcome.kind} at the callback`) };
  }
}

async function run(req: Request, target: RoundTripTarget, flow: RoundTripFlow, optionsFor: (built: RoundTripStrategy) => object): Promise<StrategyOutcome> {
  try {
    const built = target.upstreams.strategyFor(target.connection, target.tenantUrl);
    built.store.bind(req, flow);
    return await runStrategy(built.strategy, req, optionsFor(built), target.deadlineMs);
  } catch (error) {
    return { kind: 'error', error };
  }
}

// A parameter given twice arrives as an array, which strategies read differently (passport-oauth2
// sends it on as it is); an empty one they read as absent.
function isOneValue(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * A strategy fails a callback for two reasons only (plugin.ts, PluginFailChallenge): the user's
 * refusal, carried as the challenge's `error`, or Passport's own state check, which carries none.
 */
function failureOf(challenge: unknown, query: Record<string, unknown>): FinishOutcome {
  const refusal = readFailChallenge(challenge);
  if (refusal) return { kind: 'refused', failure: refusal };
  // passport-oauth2 checks the state only for a code, and fails a plain `error=access_denied`
  // itself, without a PluginFailChallenge: that is still the user's refusal, not a stale state.
  if (query.error === 'access_denied') {
    return { kind: 'refused', failure: { kind: 'access_denied', operation: 'authorize', upstreamCode: 'access_denied' } };
  }
  const message = (challenge as { message?: unknown } | null | undefined)?.message;
  return { kind: 'state_rejected', message: typeof message === 'string' ? message : undefined };
}
