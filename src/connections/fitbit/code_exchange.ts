import type { CodeExchange } from '../oauth2/authorization_code.js';
import type { TokenResponse } from '../oauth2/token_response.js';
import { verifyIdToken } from './id_token.js';
import { nonceForVerifier } from './nonce.js';
import { checkTokenResponse, type FitbitTokenResponse } from './token_response.js';
import type { UpstreamContext } from './upstream_context.js';

/**
 * The code exchange's answer (RFC 6749 §4.1.3 with RFC 7636's verifier: both modes always use PKCE),
 * as the shared client parsed it, checked for the mode (user_id, id_token) and, in google-health
 * mode, its id_token verified before anything else sees it: FitbitStrategy's readAnswer.
 */
export async function readCodeAnswer(context: UpstreamContext, answer: TokenResponse, exchange: CodeExchange): Promise<FitbitTokenResponse> {
  const verifier = pkceVerifierOf(exchange);
  const token = checkTokenResponse(context.api, 'token', answer);
  if (context.api === 'google-health' && token.idToken && context.endpoints.jwks) {
    await verifyIdToken(token.idToken, {
      jwksUrl: context.endpoints.jwks,
      clientID: context.credentials.clientID,
      expectedNonce: nonceForVerifier(verifier),
      upstreamBaseUrl: context.upstreamBaseUrl,
      timeoutMs: context.timeoutMs,
    });
  }
  return token;
}

/**
 * The exchange's PKCE verifier. Both modes always run PKCE, and google-health's
 * nonce is derived from the verifier (nonce.ts): an exchange without one (`pkce: false`, meant for
 * upstreams without PKCE) would expect the nonce of no verifier, which anyone can compute.
 */
function pkceVerifierOf(exchange: CodeExchange): string {
  const verifier: unknown = exchange.codeVerifier;
  if (typeof verifier !== 'string' || verifier === '') {
    throw new TypeError('The Fitbit plugin exchanges a code only with its PKCE code verifier: Fitbit and Google always run PKCE, so pkce: false is not for them');
  }
  return verifier;
}
