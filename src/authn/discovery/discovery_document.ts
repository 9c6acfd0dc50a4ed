import { RESPONSE_MODES, RESPONSE_TYPES } from '../login/authorize/response_types.js';
import { CLAIMS_BY_SCOPE } from '../tokens/user_claims.js';
import { issuerOf } from '../../domain/tenants.js';

/**
 * OpenID Connect Discovery 1.0 §3 metadata of a tenant: exactly what fitgate implements, so a
 * relying party configured from it never tries something that will be refused (no access token
 * from /authorize, no plain PKCE, no request objects). `implicit` is listed because
 * response_type=id_token is OpenID Connect's implicit flow.
 */
export function discoveryDocument(tenantUrl: string): Record<string, unknown> {
  return {
    issuer: issuerOf(tenantUrl),
    authorization_endpoint: `${tenantUrl}/authorize`,
    token_endpoint: `${tenantUrl}/oauth/token`,
    userinfo_endpoint: `${tenantUrl}/userinfo`,
    jwks_uri: `${tenantUrl}/.well-known/jwks.json`,
    revocation_endpoint: `${tenantUrl}/oauth/revoke`,
    // Auth0's RP-Initiated Logout path, which (unlike Auth0's own /v2/logout) also takes the form post §2 requires.
    end_session_endpoint: `${tenantUrl}/oidc/logout`,
    // Back-Channel Logout §2.1: a logout token goes to each client of an ended session that registered
    // a URL (oidc_logout), and carries the session's sid.
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    response_types_supported: [...RESPONSE_TYPES],
    response_modes_supported: [...RESPONSE_MODES],
    grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: [
      'iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'c_hash', 'sid',
      ...Object.values(CLAIMS_BY_SCOPE).flat(),
    ],
    authorization_response_iss_parameter_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    claims_parameter_supported: false,
  };
}
