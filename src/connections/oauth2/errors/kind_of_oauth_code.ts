import type { UpstreamErrorKind } from './upstream_error.js';

// The standard codes: RFC 6749 §4.1.2.1 (authorize) and §5.2 (token), RFC 6750 §3.1 (resource
// requests) and OpenID Connect Core §3.1.2.6. redirect_uri_mismatch is no RFC's, but the spelling
// many servers use for the one refusal whose remedy is registering the exact callback URL.
const KIND_OF_CODE: Readonly<Record<string, UpstreamErrorKind>> = {
  invalid_client: 'invalid_client',
  unauthorized_client: 'unauthorized_client',
  redirect_uri_mismatch: 'redirect_uri_mismatch',
  access_denied: 'access_denied',
  interaction_required: 'interaction_required',
  login_required: 'interaction_required',
  consent_required: 'interaction_required',
  account_selection_required: 'interaction_required',
  invalid_grant: 'invalid_grant',
  invalid_scope: 'invalid_scope',
  invalid_request: 'invalid_request',
  unsupported_grant_type: 'invalid_request',
  unsupported_response_type: 'invalid_request',
  invalid_token: 'invalid_token',
  insufficient_scope: 'insufficient_scope',
  server_error: 'unavailable',
  temporarily_unavailable: 'unavailable',
};

/** The kind of a standard OAuth error code; `upstream_error` for any other. */
export function kindOfOAuthCode(code: string): UpstreamErrorKind {
  // Own keys only: a code such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(KIND_OF_CODE, code) ? KIND_OF_CODE[code]! : 'upstream_error';
}
