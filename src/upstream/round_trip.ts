import type { Request } from 'express';
import type { PluginAuthorizeOptions, PluginFailure } from '../connections/plugin.js';
import { readFailChallenge } from '../domain/read_plugin_failure.js';
import type { VerifiedLogin } from '../domain/upstream_login.js';
import type { Connection } from '../domain/types.js';
import { authorizationPromptOf } from './plugin_defaults.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, type ResolvedUpstream, type UpstreamResolver } from './resolve_upstream.js';
import type { RoundTripFlow, TakenRoundTrip } from './round_trip_state_store.js';
import type { RoundTripStrategy } from './round_trip_strategy.js';
import { runStrategy, type StrategyOutcome } from './run_strategy.js';
import { RoundTripStartTimeoutError } from './start_timeout_error.js';
import { UnstoredRoundTripError } from './unstored_round_trip_error.js';
import { verifiedUpstreamFault } from './verified_upstream_fault.js';

/** Where a round trip goes: a connection's upstream, coming back to the tenant's callback URL. */
export interface RoundTripTarget {
  /** Keeps the connection's strategy, built once per connection version and tenant URL. */
  readonly upstreams: Pick<UpstreamResolver, 'strategyFor'>;
  readonly connection: Connection;
  /** The tenant URL the round trip comes back to: the upstream returns to its callback URL. */
  readonly tenantUrl: string;
}

/**
 * What the flow asks the upstream for, beside the connection's settings: `prompt` in OpenID
 * Connect's words (the client's; TRY's consent), `loginHint` the client's login_hint. The plugin
 * decides what its upstream hears of each (PluginAuthorizeOptions).
 */
export interface UpstreamAsk {
  readonly prompt?: readonly string[] | undefined;
  readonly loginHint?: string | undefined;
  /**
   * Options the plugin has already spelled for its upstream (consentForRefreshToken's answer, for a
   * login sent back once), over those spelled from `prompt` and `loginHint`.
   */
  readonly spelled?: PluginAuthorizeOptions | undefined;
}

/**
 * Every outcome names the upstream the round trip resolved to, so no caller resolves it again for
 * its wording; only an outcome whose error is the resolution's own (the resolver refused the
 * connection, or the plugin's createStrategy threw) has none.
 */
interface Reached {
  readonly upstream: ResolvedUpstream;
}
/**
 * An error, with the upstream when it came after resolving one (absent: resolving is what failed).
 * Whose it is (fitgate's, a plugin failure, unexplained) each flow reads through failure_origin.ts.
 */
type ErrorOutcome = { kind: 'error'; error: unknown; upstream?: ResolvedUpstream };

/** A redirect only once the flow's record is stored: without it the callback could never finish. */
export type StartOutcome<Kept> = ({ kind: 'redirect'; url: string; record: Kept } & Reached) | ErrorOutcome;

/**
 * What a finished round trip means, decided here once for a login and TRY alike: each flow only
 * words it (a login through login_failure.ts, TRY through try_failure_explanation.ts).
 */
type Finished =
  | { kind: 'success'; verified: VerifiedLogin }
  /** Passport's own state check refused the callback: the state is not the one this flow took (expired, used). */
  | { kind: 'state_rejected'; message: string | undefined }
  /**
   * The upstream's failure or the user's, read or decided here, in the plugin failure shape so that
   * each flow words it as it words any plugin's: the user's refusal (the PluginFailChallenge's
   * `error`, as read_plugin_failure.ts reads it), a callback without an answer and an answer that
   * breaks the plugin interface (`bad_response`), the exchange running out of time (`timeout`).
   */
  | { kind: 'failed'; failure: PluginFailure };

export type FinishOutcome = (Finished & Reached) | ErrorOutcome;

// Sending the browser upstream touches only the store (the strategy keeps the round trip there and
// builds the authorize URL); this bounds a store that hangs, for a login and a TRY alike.
const START_DEADLINE_MS = 10_000;

// Finishing makes up to four upstream calls in a row (token, keys, identity, userinfo); the plugin
// bounds each by the upstream's timeout, and the whole gets this many of them.
const CALLS_PER_FINISH_DEADLINE = 3;

/**
 * The first half of an upstream round trip, as a user's login and an admin's TRY both run it: the
 * connection's strategy stores the flow's record through `begin` (given the PKCE verifier, or
 * undefined for an upstream without PKCE, and the upstream it resolved to) and answers with the
 * authorize URL to send the browser to. Bounded by START_DEADLINE_MS; running out of it is fitgate's
 * own failure (RoundTripStartTimeoutError), since no upstream was called.
 */
export async function startRoundTrip<Kept extends TakenRoundTrip>(
  req: Request,
  target: RoundTripTarget,
  begin: (upstreamCodeVerifier: string | undefined, upstream: ResolvedUpstream) => Promise<Kept>,
  ask: UpstreamAsk = {},
): Promise<StartOutcome<Kept>> {
  const built = strategyOf(target);
  if ('error' in built) return { kind: 'error', error: built.error };
  const { upstream } = built.strategy;
  // The strategy, not this function, calls `begin`: passport-oauth2 makes the PKCE verifier (if
  // any) inside authenticate() and hands it to the state store's store() (round_trip_state_store.ts),
  // which calls flow.begin. Passport's redirect carries only the URL: `kept` brings the record out.
  const kept: { record?: Kept } = {};
  const flow: RoundTripFlow = {
    begin: async (verifier) => {
      kept.record = await begin(verifier, upstream);
      return kept.record.upstreamState;
    },
  };
  const outcome = await run(req, built.strategy, flow, () => authorizeOptions(upstream, ask), START_DEADLINE_MS);
  switch (outcome.kind) {
    case 'redirect':
      // A strategy that ignores options.store would send the browser off on a login that can only fail.
      if (!kept.record) return { kind: 'error', error: new UnstoredRoundTripError(target.connection.strategy), upstream };
      return { kind: 'redirect', url: outcome.url, record: kept.record, upstream };
    case 'error':
      return { kind: 'error', error: outcome.error, upstream };
    case 'deadline':
      // Only fitgate's store is waited on before the redirect: its own failure, not the upstream's.
      return { kind: 'error', error: new RoundTripStartTimeoutError(outcome.deadlineMs), upstream };
    default:
      return { kind: 'error', error: new Error(`the strategy answered ${outcome.kind} before the upstream`), upstream };
  }
}

/**
 * The second half, once the flow has taken its record (single use): the strategy exchanges the code
 * (with that record's PKCE verifier, if it has one) and loads the profile, within
 * CALLS_PER_FINISH_DEADLINE times the upstream's call timeout. What the plugin hands back is
 * checked against the plugin interface (verified_upstream_fault.ts) before either flow uses it.
 */
export async function finishRoundTrip(req: Request, target: RoundTripTarget, taken: TakenRoundTrip): Promise<FinishOutcome> {
  const built = strategyOf(target);
  if ('error' in built) return { kind: 'error', error: built.error };
  const { upstream } = built.strategy;
  const query = req.query as Record<string, unknown>;
  // Without either, the strategy would start a new authorization instead of finishing this one.
  if (!isOneValue(query.code) && !isOneValue(query.error)) return { kind: 'failed', failure: NO_ANSWER, upstream };
  const deadlineMs = (upstream.client.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS) * CALLS_PER_FINISH_DEADLINE;
  const outcome = await run(req, built.strategy, { taken }, () => ({}), deadlineMs);
  switch (outcome.kind) {
    case 'success': {
      const fault = verifiedUpstreamFault(outcome.user);
      if (fault === undefined) return { kind: 'success', verified: outcome.user as VerifiedLogin, upstream };
      // The plugin broke its interface: nothing a login could store, and TRY must not call it working.
      const message = `The ${target.connection.strategy} plugin answered the login with what fitgate cannot use: ${fault}.`;
      return { kind: 'failed', failure: { kind: 'bad_response', operation: 'callback', message }, upstream };
    }
    case 'fail':
      return { ...failureOf(outcome.challenge, query), upstream };
    case 'error':
      return { ...outcome, upstream };
    case 'deadline': {
      // The exchange and the profile calls: the upstream was too slow, as a plugin's own timeout says.
      const message = `The upstream login did not finish within ${Math.round(outcome.deadlineMs / 1000)} s.`;
      return { kind: 'failed', failure: { kind: 'timeout', operation: 'callback', message }, upstream };
    }
    default:
      return { kind: 'error', error: new Error(`the strategy answered ${outcome.kind} at the callback`), upstream };
  }
}

/**
 * A callback with neither one `code` nor one `error` is the upstream's answer fitgate cannot use,
 * in a login and TRY alike: RFC 6749 (4.1.2, 4.1.2.1) has the authorization server send back exactly
 * one of them, and no parameter more than once (3.1). The flow found its record by the callback's
 * state (single use; for a login, bound to this browser), so this is the answer to fitgate's own
 * authorize request, not a stray request: blaming fitgate (invalid_request, its own failure) would
 * send the admin looking at the wrong side.
 */
const NO_ANSWER: PluginFailure = {
  kind: 'bad_response',
  operation: 'callback',
  message: 'The upstream came back with neither a code nor an error (or with one of them more than once).',
};

/** The connection's strategy, or why there is none: the resolver's refusal, or the plugin's createStrategy throwing. */
function strategyOf(target: RoundTripTarget): { strategy: RoundTripStrategy } | { error: unknown } {
  try {
    return { strategy: target.upstreams.strategyFor(target.connection, target.tenantUrl) };
  } catch (error) {
    return { error };
  }
}

async function run(req: Request, built: RoundTripStrategy, flow: RoundTripFlow, optionsOf: () => object, deadlineMs: number): Promise<StrategyOutcome> {
  try {
    built.store.bind(req, flow);
    return await runStrategy(built.strategy, req, optionsOf(), deadlineMs);
  } catch (error) {
    return { kind: 'error', error };
  }
}

/**
 * The flow's ask as the plugin spells it for its upstream: the prompt through authorizationPromptOf
 * (none for a plugin without authorizationPrompt), the hint as it is, then what the plugin spelled
 * itself over them.
 */
function authorizeOptions(upstream: ResolvedUpstream, ask: UpstreamAsk): PluginAuthorizeOptions {
  const spelled = ask.prompt ? authorizationPromptOf(upstream.plugin, upstream.client.api, ask.prompt) : undefined;
  return { ...(spelled ? { prompt: spelled } : {}), ...(ask.loginHint !== undefined ? { loginHint: ask.loginHint } : {}), ...ask.spelled };
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
function failureOf(challenge: unknown, query: Record<string, unknown>): Extract<Finished, { kind: 'failed' | 'state_rejected' }> {
  const refusal = readFailChallenge(challenge);
  if (refusal) return { kind: 'failed', failure: refusal };
  // passport-oauth2 checks the state only for a code, and fails a plain `error=access_denied`
  // itself, without a PluginFailChallenge: that is still the user's refusal, not a stale state.
  if (query.error === 'access_denied') {
    return { kind: 'failed', failure: { kind: 'access_denied', operation: 'authorize', upstreamCode: 'access_denied' } };
  }
  const message = (challenge as { message?: unknown } | null | undefined)?.message;
  return { kind: 'state_rejected', message: typeof message === 'string' ? message : undefined };
}
