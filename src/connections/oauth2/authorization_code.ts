import { requestToken, type TokenEndpoint } from './token_request.js';
import type { TokenResponse } from './token_response.js';

/**
 * The PKCE code verifier among the parameters passport-oauth2 gives the token request, which its
 * state store kept since the authorize redirect. A strategy that sends a code challenge (the OAuth
 * 2.0 Security BCP, RFC 9700 §2.1.1, asks for PKCE on every code flow; Fitbit and Google take it)
 * always has one, so a store that lost it is a programming error, not the upstream's refusal. A
 * strategy run without PKCE does not ask: it exchanges with `pkce: false`.
 */
export function codeVerifierOf(params: { code_verifier?: string }): string {
  const verifier = params.code_verifier;
  if (!verifier) throw new TypeError('The state store returned no PKCE code verifier; it must keep the one passport-oauth2 gives it');
  return verifier;
}

/**
 * One code to exchange: with the PKCE verifier of the authorize request's challenge, or, for an
 * upstream that documents no PKCE (RFC 6749 servers need not support RFC 7636; Strava's is one),
 * with `pkce: false`. The caller says which: a verifier gone missing is never read as "no PKCE".
 */
export type CodeExchange =
  | { readonly code: string; readonly codeVerifier: string; readonly redirectUri?: string | undefined }
  | { readonly code: string; readonly pkce: false; readonly codeVerifier?: never; readonly redirectUri?: string | undefined };

/** Exchanges an authorization code (RFC 6749 §4.1.3) with its PKCE verifier (RFC 7636 §4.5) unless `pkce: false`. */
export async function exchangeAuthorizationCode(endpoint: TokenEndpoint, exchange: CodeExchange): Promise<TokenResponse> {
  return requestToken({
    ...endpoint,
    grant: {
      grant_type: 'authorization_code',
      code: exchange.code,
      ...verifierParameter(exchange),
      ...(exchange.redirectUri && { redirect_uri: exchange.redirectUri }),
    },
  });
}

function verifierParameter(exchange: CodeExchange): Record<string, string> {
  if ('pkce' in exchange && exchange.pkce === false) return {};
  // Checked here too, not by the type alone: an undefined verifier would go out as "undefined".
  const verifier: unknown = exchange.codeVerifier;
  if (typeof verifier !== 'string' || verifier === '') {
    throw new TypeError('exchangeAuthorizationCode needs the PKCE code verifier, or pkce: false for an upstream without PKCE');
  }
  return { code_verifier: verifier };
}
