import type { AppError } from '../../errors/index.js';

/** What goes back to the client in the redirect's query (RFC 6749 §4.1.2, RFC 9207 for `iss`). */
export interface ClientRedirectParams {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

/**
 * The client's redirect_uri with the response in its query, plus `iss` (RFC 9207: the issuer, which
 * lets the client detect mix-up attacks). Existing query parameters of the registered URI are kept.
 */
export function clientRedirectUrl(redirectUri: string, issuer: string, params: ClientRedirectParams): string {
  const url = new URL(redirectUri);
  if (params.code !== undefined) url.searchParams.set('code', params.code);
  if (params.error !== undefined) url.searchParams.set('error', params.error);
  if (params.errorDescription !== undefined) url.searchParams.set('error_description', params.errorDescription);
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  url.searchParams.set('iss', issuer);
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
