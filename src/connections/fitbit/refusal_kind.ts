import type { UpstreamErrorKind } from '../oauth2/errors/upstream_error.js';

/**
 * The kind of a refused authorize request, from the code the upstream gave and what it said (the
 * page's text, or the code and descriptions of Google's authError).
 */
export function refusalKind(code: string | undefined, text: string): UpstreamErrorKind {
  // Fitbit reports an unregistered callback URL as invalid_request naming redirect_uri; either
  // upstream names the parameter whenever it is the one refused.
  if (code === 'redirect_uri_mismatch' || /redirect_uri/i.test(text)) return 'redirect_uri_mismatch';
  // Google: "The OAuth client was not found."; Fitbit: "unauthorize_client - Invalid client_id".
  // At authorize that can only be the client id: the secret has not been sent.
  if (code === 'invalid_client' || /client (was )?not found|invalid client_id/i.test(text)) return 'invalid_client';
  if (code === 'unauthorized_client' || code === 'unauthorised_client') return 'unauthorized_client';
  if (code === 'invalid_scope') return 'invalid_scope';
  return 'upstream_error';
}
