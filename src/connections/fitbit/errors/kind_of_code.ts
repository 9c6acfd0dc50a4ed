import type { UpstreamErrorKind } from './upstream_error.js';

// RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, OpenID Connect Core §3.1.2.6, Fitbit's errorType values
// (https://dev.fitbit.com/build/reference/web-api/troubleshooting-guide/error-messages/) and Google's
// API status words (https://cloud.google.com/apis/design/errors#handling_errors).
const KIND_OF_CODE: Readonly<Record<string, UpstreamErrorKind>> = {
  invalid_client: 'invalid_client',
  // Google's token endpoint once the OAuth client is deleted: the same remedy, new credentials.
  deleted_client: 'invalid_client',
  unauthorized_client: 'unauthorized_client',
  // Fitbit's own spelling on its authorize page.
  unauthorize_client: 'unauthorized_client',
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
  validation: 'invalid_request',
  invalid_token: 'invalid_token',
  expired_token: 'invalid_token',
  UNAUTHENTICATED: 'invalid_token',
  insufficient_scope: 'insufficient_scope',
  insufficient_permissions: 'insufficient_scope',
  // Google's PERMISSION_DENIED is not here: it means several things, which kind_of_api_answer.ts tells apart.
  INVALID_ARGUMENT: 'invalid_request',
  RESOURCE_EXHAUSTED: 'rate_limited',
  conflict: 'conflict',
  ABORTED: 'conflict',
  server_error: 'unavailable',
  temporarily_unavailable: 'unavailable',
  system: 'unavailable',
  UNAVAILABLE: 'unavailable',
  INTERNAL: 'unavailable',
};

/**
 * The kind for an upstream code. Fitbit reports a bad redirect_uri as `invalid_request` (authorize)
 * or `invalid_grant` (token) with a message naming it, so the message decides between them. Fitbit
 * documents 409 for a concurrent refresh without documenting its body, so the status decides there.
 */
export function kindOfCode(code: string, message?: string, status?: number): UpstreamErrorKind {
  if (status === 409) return 'conflict';
  if (/redirect_uri/i.test(message ?? '') && (code === 'invalid_request' || code === 'invalid_grant')) {
    return 'redirect_uri_mismatch';
  }
  return KIND_OF_CODE[code] ?? 'upstream_error';
}
