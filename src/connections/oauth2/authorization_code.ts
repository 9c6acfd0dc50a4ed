import { requestToken, type TokenEndpoint } from './token_request.js';
import type { TokenResponse } from './token_response.js';

/**
 * The PKCE code verifier among the parameters passport-oauth2 gives the token request, which its
 * state store kept since the authorize redirect. This client always sends one (the OAuth 2.0
 * Security BCP, RFC 9700 §2.1.1, asks for PKCE on every code flow), so a store that lost it is a
 * programming error, not the upstream's refusal.
 */
export function codeVerifierOf(params: { code_verifier?: string }): string {
  const verifier = params.code_verifier;
  if (!verifier) throw new TypeError('The state store returned no PKCE code verifier; it must keep the one passport-oauth2 gives it');
  return verifier;
}

/** Exchanges an authorization code (RFC 6749 §4.1.3) with its PKCE verifier (RFC 7636 §4.5). */
export function exchangeAuthorizationCode(
  endpoint: TokenEndpoint,
  exchange: { code: string; codeVerifier: string; redirectUri?: string | undefined },
): Promise<TokenResponse> {
  return requestToken({
    ...endpoint,
    grant: {
      grant_type: 'authorization_code',
      code: exchange.code,
      code_verifier: exchange.codeVerifier,
      ...(exchange.redirectUri && { redirect_uri: exchange.redirectUri }),
    },
  });
}
