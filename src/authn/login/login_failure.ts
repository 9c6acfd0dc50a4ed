import type { PluginErrorKind, UpstreamWording } from '../../connections/plugin.js';
import { ServerError, type AppError } from '../../errors/index.js';
import { failureOrigin } from '../../http/failure_origin.js';
import { clientErrorForUpstream } from '../../upstream/map_upstream_error.js';

/**
 * A failed login, as the client hears it and the log records it: the OAuth error, whose failure it
 * was (failure_origin.ts) and, for the upstream's, the plugin's kind. The activity charts count an
 * upstream's failures apart by `source` (activity_series.ts).
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
 * one would be unexplained.
 */
export function loginFailureOf(caught: unknown, wording?: UpstreamWording): LoginFailure {
  if (caught instanceof LoginFailed) return caught.failure;
  const origin = failureOrigin(caught);
  if ('own' in origin) return { error: origin.own, source: 'fitgate' };
  if ('upstream' in origin && wording) {
    return { error: clientErrorForUpstream(caught, wording), source: 'upstream', upstreamKind: origin.upstream.kind };
  }
  return { error: new ServerError('The login failed inside fitgate.', { cause: caught }), source: 'fitgate' };
}

/**
 * Thrown by a step that has already read its failure's origin (it knew the upstream's wording), for
 * the callback's one catch, which also catches the steps after the round trip and knows no wording.
 */
export class LoginFailed extends Error {
  constructor(readonly failure: LoginFailure) {
    super(failure.error.description, { cause: failure.error });
    this.name = 'LoginFailed';
  }
}
