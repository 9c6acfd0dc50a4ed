import { exchangeAuthorizationCode, type CodeExchange } from '../oauth2/authorization_code.js';
import { verifyIdToken } from './id_token.js';
import { nonceForVerifier } from './nonce.js';
import { tokenEndpoint } from './token_endpoint.js';
import { checkTokenResponse, type FitbitTokenResponse } from './token_response.js';
import type { UpstreamContext } from './upstream_context.js';

/**
 * Exchanges an authorization code (RFC 6749 §4.1.3 with RFC 7636's verifier: both modes always use
 * PKCE) and, in google-health mode, verifies the id_token before anything else sees it.
 */
export async function exchangeCode(context: UpstreamContext, exchange: CodeExchange): Promise<FitbitTokenResponse> {
  const answer = await exchangeAuthorizationCode(tokenEndpoint(context), exchange);
  const token = checkTokenResponse(context.api, 'token', answer);
  if (context.api === 'google-health' && token.idToken && context.endpoints.jwks) {
    await verifyIdToken(token.idToken, {
      jwksUrl: context.endpoints.jwks,
      clientID: context.credentials.clientID,
      // Both modes always run PKCE: exchangeAuthorizationCode refused a missing verifier by now.
      expectedNonce: nonceForVerifier(exchange.codeVerifier ?? ''),
      upstreamBaseUrl: context.upstreamBaseUrl,
      timeoutMs: context.timeoutMs,
    });
  }
  return token;
}
