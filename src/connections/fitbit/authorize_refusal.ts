import type { UpstreamErrorKind } from '../oauth2/errors/upstream_error.js';
import { readGoogleErrorRedirect } from './google_error_redirect.js';
import { refusalKind } from './refusal_kind.js';

/** What a refused authorize request said, as the host's plugin interface reads it. */
export interface FitbitAuthorizeRefusal {
  readonly kind: UpstreamErrorKind;
  readonly operation: 'authorize';
  /** The status the refusal names: the page's, or the one Google's authError carries. */
  readonly status?: number;
  readonly upstreamCode?: string;
  readonly upstreamMessage?: string;
}

/** The upstream's answer to an authorize request, as the host hands it over. */
export interface AuthorizeAnswer {
  readonly status: number;
  readonly body: string;
  /** For a redirect: where it leads, as an absolute URL. */
  readonly location?: string | undefined;
}

// The codes both upstreams print on their error pages ("Error 400: redirect_uri_mismatch",
// "invalid_request - Invalid redirect_uri parameter value"), and the words after them.
const ERROR_CODE = /\b(redirect_uri_mismatch|invalid_client|unauthori[sz]ed?_client|invalid_request|invalid_scope|access_denied)\b\s*[-:–]?\s*([^<\n]{0,200})/i;

/**
 * Fitbit shows a refused authorize request on its own page (status 400 or more) and never
 * redirects back; Google redirects to its error page with the refusal in the address (see
 * google_error_redirect.ts). Any other redirect is the way to the sign-in or consent page: no
 * refusal, undefined.
 */
export function readAuthorizeRefusal(answer: AuthorizeAnswer): FitbitAuthorizeRefusal | undefined {
  if (answer.status >= 400) return readRefusalPage(answer.status, answer.body);
  return answer.location === undefined ? undefined : readGoogleErrorRedirect(answer.location);
}

/**
 * The code and message an error page prints, and the kind they mean. Nothing secret has been sent
 * at authorize (the client id is public), so the message is kept as the page has it.
 */
function readRefusalPage(status: number, body: string): FitbitAuthorizeRefusal {
  const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  const match = ERROR_CODE.exec(text);
  const code = match?.[1]?.toLowerCase();
  const message = match?.[2]?.trim();
  return {
    kind: code ? refusalKind(code, text) : unexplainedPageKind(status, text),
    operation: 'authorize',
    status,
    ...(code && { upstreamCode: code }),
    ...(message && { upstreamMessage: message }),
  };
}

/**
 * A page that prints no OAuth code: a 5xx or a 429 is the upstream's outage or quota (RFC 9110
 * §15.6, RFC 6585 §4), which passes by waiting, not the client's settings; anything else is read
 * from the page's words as before.
 */
function unexplainedPageKind(status: number, text: string): UpstreamErrorKind {
  const kind = refusalKind(undefined, text);
  if (kind !== 'upstream_error') return kind;
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'unavailable' : kind;
}
