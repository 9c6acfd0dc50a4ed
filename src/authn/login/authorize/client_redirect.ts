import type { AppError } from '../../../errors/index.js';

/** What goes back to the client (RFC 6749 §4.1.2, OpenID Connect Core §3.3.2.5, RFC 9207 for `iss`). */
export interface ClientRedirectParams {
  code?: string;
  idToken?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

/** The response as name/value pairs, `iss` last (RFC 9207: the issuer lets the client detect mix-up attacks). */
export function clientResponseFields(issuer: string, params: ClientRedirectParams): [string, string][] {
  const fields: [string, string | undefined][] = [
    ['code', params.code],
    ['id_token', params.idToken],
    ['error', params.error],
    ['error_description', params.errorDescription],
    ['state', params.state],
    ['iss', issuer],
  ];
  return fields.filter((field): field is [string, string] => field[1] !== undefined);
}

/**
 * The client's redirect_uri with the response in its query (existing query parameters of the
 * registered URI are kept) or in its fragment (registered URIs never have one).
 */
export function clientRedirectUrl(
  redirectUri: string,
  issuer: string,
  params: ClientRedirectParams,
  mode: 'query' | 'fragment' = 'query',
): string {
  const url = new URL(redirectUri);
  const fields = clientResponseFields(issuer, params);
  if (mode === 'fragment') {
    url.hash = new URLSearchParams(fields).toString();
  } else {
    for (const [name, value] of fields) url.searchParams.set(name, value);
  }
  return url.toString();
}

/** The error as the client may see it: server errors keep their details in the log. */
export function clientErrorParams(error: AppError, state: string | undefined): ClientRedirectParams {
  return {
    error: error.code,
    errorDescription: error.expose ? error.description : 'The server could not complete the login.',
    ...(state !== undefined ? { state } : {}),
  };
}
