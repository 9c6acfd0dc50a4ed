/**
 * Before sending the admin's browser to the upstream, TRY requests the same authorize URL itself.
 * Fitbit and Google show a refused authorization request (an unregistered callback URL, an unknown
 * client id, the legacy API switched off) on their own error page and never come back, so without
 * this the admin would be stranded there instead of reading the fix on fitgate's failure page. A
 * GET of an authorize URL changes nothing upstream: it only shows a sign-in or consent page.
 */
export interface AuthorizeRefusal {
  kind: string;
  upstreamSaid: string;
}

const PREFLIGHT_TIMEOUT_MS = 5_000;
const MAX_BODY_CHARS = 64 * 1024;
// The codes both upstreams print on their error pages ("Error 400: redirect_uri_mismatch",
// "invalid_request - Invalid redirect_uri parameter value").
const ERROR_CODE = /\b(redirect_uri_mismatch|invalid_client|unauthori[sz]ed?_client|invalid_request|invalid_scope|access_denied)\b\s*[-:–]?\s*([^<\n]{0,200})/i;

/** Undefined when the upstream would show its sign-in or consent page (or did not answer: the browser will tell). */
export async function preflightAuthorize(authorizeUrl: string, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<AuthorizeRefusal | undefined> {
  let response: Response;
  try {
    response = await fetch(authorizeUrl, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return undefined;
  }
  if (response.status < 400) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.status === 410) {
    await response.body?.cancel();
    return { kind: 'gone', upstreamSaid: 'authorize: HTTP 410 Gone' };
  }
  const text = (await response.text()).slice(0, MAX_BODY_CHARS).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  const match = ERROR_CODE.exec(text);
  const code = match?.[1]?.toLowerCase();
  const message = match?.[2]?.trim();
  const said = `authorize: HTTP ${response.status}${code ? ` ${code}` : ''}${message ? ` “${message}”` : ''}`;
  return { kind: refusalKind(code, text), upstreamSaid: said };
}

function refusalKind(code: string | undefined, text: string): string {
  if (code === 'redirect_uri_mismatch' || /redirect_uri/i.test(text)) return 'redirect_uri_mismatch';
  // At authorize nothing but the Client ID has been sent, so invalid_client here means an unknown
  // client id (Google: "The OAuth client was not found."; Fitbit: "Invalid client_id"), never a
  // wrong secret, which only the token step can reveal.
  if (code === 'invalid_client' || /client (was )?not found|invalid client_id/i.test(text)) return 'unknown_client';
  if (code === 'unauthorized_client' || code === 'unauthorised_client') return 'unauthorized_client';
  if (code === 'invalid_scope') return 'invalid_scope';
  return 'upstream_error';
}
