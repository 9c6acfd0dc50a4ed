import type { PluginErrorKind, PluginFailure, UpstreamWording } from '../connections/plugin.js';
import { ServerError, type AppError } from '../errors/index.js';
import { failureOrigin } from '../http/failure_origin.js';
import { clientErrorForUpstream } from './map_upstream_error.js';
import { StaleLoginError } from './stale_login_error.js';

/**
 * A failed login, as the client hears it and the log records it: the OAuth error, whose failure it
 * was (failure_origin.ts) and, for the upstream's, the plugin's kind. The activity charts count an
 * upstream's failures apart by `source` (activity_series.ts). Here, below the surfaces, because a
 * login (authn/) and a failed TRY (dashboard/, logged as a login with the same cause) read it alike.
 */
export interface LoginFailure {
  readonly error: AppError;
  readonly source: 'fitgate' | 'upstream';
  readonly upstreamKind?: PluginErrorKind;
}

/**
 * The login failure `caught` is. fitgate's own errors keep their meaning (its store down or busy, a
 * resolver's refusal: a 503 the client may retry); an upstream's failure is worded for the client in
 * `wording`'s name (map_upstream_error.ts); anything else is fitgate's server_error, its details
 * kept for the log. Without `wording` no upstream was reached, so no plugin failure can have come:
 * one would be unexplained. Read once per failure, by whoever knows whether an upstream's wording
 * applies to it.
 */
export function loginFailureOf(caught: unknown, wording?: UpstreamWording): LoginFailure {
  const origin = failureOrigin(caught);
  if ('own' in origin) return { error: origin.own, source: 'fitgate' };
  if ('upstream' in origin && wording) {
    return { error: clientErrorForUpstream(caught, wording), source: 'upstream', upstreamKind: origin.upstream.kind };
  }
  return { error: new ServerError('The login failed inside fitgate.', { cause: caught }), source: 'fitgate' };
}

/**
 * round_trip.ts's FinishOutcome but a success, as much of it as reading it takes (the upstream's
 * wording), so that round_trip.ts's outcome is passed as it is and a test needs no whole upstream.
 */
export type UnfinishedRoundTrip =
  | { readonly kind: 'state_rejected' }
  | { readonly kind: 'failed'; readonly failure: PluginFailure; readonly upstream: { readonly wording: UpstreamWording } }
  | { readonly kind: 'error'; readonly error: unknown; readonly upstream?: { readonly wording: UpstreamWording } | undefined };

/**
 * A round trip that did not succeed, read as the login's failure: round_trip.ts decided what it
 * means, this says which cause and which wording a login reads it with. A state the strategy refused
 * is the login's StaleLoginError (fitgate's invalid_request, told to no client); a plugin's failure
 * is worded by the upstream the round trip reached; an error, by that upstream when one was resolved
 * (none: resolving it failed, the resolver's refusal read as any error of fitgate's). The login's
 * callback and a failed TRY's log event both read it here, so a TRY is logged as the login it stands
 * for.
 */
export function loginFailureOfFinish(outcome: UnfinishedRoundTrip): LoginFailure {
  switch (outcome.kind) {
    case 'state_rejected':
      return loginFailureOf(new StaleLoginError());
    case 'failed':
      return loginFailureOf(outcome.failure, outcome.upstream.wording);
    case 'error':
      return loginFailureOf(outcome.error, outcome.upstream?.wording);
  }
}

/** A failed login's facts in its log event's `details`, in Auth0's and the activity charts' names. */
// A type, not an interface, so that it is a log event's Record<string, unknown> as it stands.
export type LoginFailureDetails = {
  /** The OAuth error code the client was (or, for a TRY, would have been) told. */
  readonly error: string;
  readonly source: LoginFailure['source'];
  readonly upstream_kind?: PluginErrorKind;
};

/**
 * The `details` a failed login's `f` event carries, and a failed TRY's with them (beside its own
 * `try_failure`): one writer, so filtering the log on any of them finds logins and TRYs alike.
 */
export function loginFailureDetails(failure: LoginFailure): LoginFailureDetails {
  return {
    error: failure.error.code,
    source: failure.source,
    ...(failure.upstreamKind !== undefined && { upstream_kind: failure.upstreamKind }),
  };
}
