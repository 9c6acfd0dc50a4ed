/**
 * Query parameters that carry credentials somewhere in fitgate's flows: authorization codes and
 * state on /login/callback and on the redirect back to the client, tokens on /oauth/revoke and
 * in Location headers, client secrets and PKCE verifiers posted by careless clients, the nonce that
 * binds an ID token to the login in flight. And one that is personal: a login_hint is usually an
 * email address, on /authorize and the redirect upstream, which fitgate keeps only while the login
 * is in flight. The one list, for the request log and for what the dashboard's TRY shows
 * (isSecretParameter): a value a new flow puts in a URL is added here.
 */
export const SECRET_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'code',
  'state',
  'nonce',
  'token',
  'refresh_token',
  'access_token',
  'id_token',
  // OpenID Connect RP-Initiated Logout sends a whole id_token (with the user's claims) on /v2/logout.
  'id_token_hint',
  // RFC 8693's token exchange (the Token Vault grant): a client that puts its body in the URL.
  'subject_token',
  'client_secret',
  'code_verifier',
  'password',
  'ticket',
  'login_hint',
  // RP-Initiated Logout's counterpart: fitgate reads it as a session id (sid), but an application
  // written for another provider may send an email address, as login_hint usually is.
  'logout_hint',
]);

export const REDACTED = '[REDACTED]';

/** Whether a query parameter of this name (decoded, any case) carries a secret: SECRET_QUERY_PARAMETERS. */
export function isSecretParameter(name: string): boolean {
  return SECRET_QUERY_PARAMETERS.has(name.toLowerCase());
}

/**
 * Path segments that are credentials: the one-time link an invited admin sets a password with
 * (/manage/set-password/<ticket>), which whoever reads the request log could otherwise use first.
 */
const SECRET_PATH_SEGMENT = /(\/set-password\/)[^/?#]+/g;

/**
 * The URL with the value of every secret query parameter and secret path segment replaced, keeping
 * the rest readable for debugging. Works on paths ("/login/callback?code=...") and absolute URLs
 * alike, and on fragments too, since implicit-style redirects put tokens there.
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH_SEGMENT, `$1${REDACTED}`).replace(/([?&#])([^=&#]+)=([^&#]*)/g, (match, separator: string, name: string) =>
    isSecretParameter(safeDecode(name)) ? `${separator}${name}=${REDACTED}` : match,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
