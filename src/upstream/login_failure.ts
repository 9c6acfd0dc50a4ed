import type { PluginErrorKind, UpstreamWording } from '../connections/plugin.js';
import { ServerError, type AppError } from '../errors/index.js';
import { failureOrigin } from '../http/failure_origin.js';
import { clientErrorForUpstream } from './map_upstream_error.js';

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
