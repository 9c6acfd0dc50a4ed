import { verifyIdToken } from './id_token.js';
import { nonceForVerifier } from './nonce.js';
import { requestToken } from './token_endpoint.js';
import type { TokenResponse } from './token_response.js';
import type { UpstreamContext } from './upstream_context.js';

/**
 * Exchanges an authorization code (RFC 6749 §4.1.3 with RFC 7636's verifier) and, in google-health
 * mode, verifies the id_token before anything else sees it.
 */
export async function exchangeCode(
  context: UpstreamContext,
  code: string,
  params: { redirect_uri?: string; code_verifier?: string },
): Promise<TokenResponse> {
  const verifier = params.code_verifier;
  if (!verifier) throw new TypeError('The state store returned no PKCE code verifier; it must keep the one passport-oauth2 gives it');
  const token = await requestToken({
    url: context.endpoints.token,
    credentials: context.credentials,
    upstreamFetch: context.upstreamFetch,
    timeoutMs: context.timeoutMs,
    grant: { grant_type: 'authorization_code', code, code_verifier: verifier, ...(params.redirect_uri && { redirect_uri: params.redirect_uri }) },
  });
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
