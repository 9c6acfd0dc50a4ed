import { kindOfOAuthCode } from '../../oauth2/errors/kind_of_oauth_code.js';
import type { UpstreamErrorKind } from '../../oauth2/errors/upstream_error.js';

// Beside the standard codes (kind_of_oauth_code.ts): Fitbit's errorType values
// (https://dev.fitbit.com/build/reference/web-api/troubleshooting-guide/error-messages/) and Google's
// API status words (https://cloud.google.com/apis/design/errors#handling_errors).
const KIND_OF_UPSTREAM_CODE: Readonly<Record<string, UpstreamErrorKind>> = {
  // Google's token endpoint once the OAuth client is deleted: the same remedy, new credentials.
  deleted_client: 'invalid_client',
  // Fitbit's own spelling on its authorize page.
  unauthorize_client: 'unauthorized_client',
  validation: 'invalid_request',
  expired_token: 'invalid_token',
  UNAUTHENTICATED: 'invalid_token',
  insufficient_permissions: 'insufficient_scope',
  // Google's PERMISSION_DENIED is not here: it means several things, which kind_of_api_answer.ts tells apart.
  INVALID_ARGUMENT: 'invalid_request',
  RESOURCE_EXHAUSTED: 'rate_limited',
  conflict: 'conflict',
  ABORTED: 'conflict',
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
  // Own keys only: a code such as "constructor" must not find Object.prototype's.
  return Object.hasOwn(KIND_OF_UPSTREAM_CODE, code) ? KIND_OF_UPSTREAM_CODE[code]! : kindOfOAuthCode(code);
}
