import type { UpstreamErrorKind } from './errors/upstream_error.js';

/** What a refused authorize request's error page said, as the host's plugin interface reads it. */
export interface FitbitAuthorizeRefusal {
  readonly kind: UpstreamErrorKind;
  readonly operation: 'authorize';
  readonly status: number;
  readonly upstreamCode?: string;
  readonly upstreamMessage?: string;
}

// The codes both upstreams print on their error pages ("Error 400: redirect_uri_mismatch",
// "invalid_request - Invalid redirect_uri parameter value"), and the words after them.
const ERROR_CODE = /\b(redirect_uri_mismatch|invalid_client|unauthori[sz]ed?_client|invalid_request|invalid_scope|access_denied)\b\s*[-:–]?\s*([^<\n]{0,200})/i;

/**
 * Google and Fitbit show a refused authorize request on their own page and never redirect back.
 * This reads such a page (status 400 or more): the code and message it prints, and the kind they
 * mean. Nothing secret has been sent at authorize (the client id is public), so the message is
 * kept as the page has it.
 */
export function readAuthorizeRefusal(status: number, body: string): FitbitAuthorizeRefusal {
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  const match = ERROR_CODE.exec(text);
  const code = match?.[1]?.toLowerCase();
  const message = match?.[2]?.trim();
  return {
    kind: refusalKind(code, text),
    operation: 'authorize',
    status,
    ...(code && { upstreamCode: code }),
    ...(message && { upstreamMessage: message }),
  };
}

function refusalKind(code: string | undefined, text: string): UpstreamErrorKind {
  // Fitbit reports an unregistered callback URL as invalid_request naming redirect_uri; either
  // upstream names the parameter on any page about it.
  if (code === 'redirect_uri_mismatch' || /redirect_uri/i.test(text)) return 'redirect_uri_mismatch';
  // Google: "The OAuth client was not found."; Fitbit: "unauthorize_client - Invalid client_id".
  // At authorize that can only be the client id: the secret has not been sent.
  if (code === 'invalid_client' || /client (was )?not found|invalid client_id/i.test(text)) return 'invalid_client';
  if (code === 'unauthorized_client' || code === 'unauthorised_client') return 'unauthorized_client';
  if (code === 'invalid_scope') return 'invalid_scope';
  return 'upstream_error';
}
