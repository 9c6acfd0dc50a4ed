import { kindOfCode } from './kind_of_code.js';
import type { UpstreamErrorDetails, UpstreamErrorKind } from '../../oauth2/errors/upstream_error.js';

// Google's ErrorInfo reasons (`error.details[].reason`) that name the remedy where the status word
// cannot: PERMISSION_DENIED alone is a missing scope, an API the project has not enabled, or an
// account the Google Health API will not serve.
// - ACCESS_TOKEN_SCOPE_INSUFFICIENT, SERVICE_DISABLED: Google-wide (google.api.ErrorReason;
//   https://cloud.google.com/service-usage/docs/troubleshooting for "service not enabled").
//   accessNotConfigured is the older `error.errors[].reason` for the same disabled API.
// - ACCOUNT_NOT_LINKED (400 FAILED_PRECONDITION): the Google Health API's own, "The account is not
//   linked to Google Health": no Google Health profile, never set up or a Fitbit account not yet
//   moved to Google (https://developers.google.com/health/troubleshooting,
//   https://developers.google.com/health/reference/rest/v4/errors).
const KIND_OF_REASON: Readonly<Record<string, UpstreamErrorKind>> = {
  ACCESS_TOKEN_SCOPE_INSUFFICIENT: 'insufficient_scope',
  SERVICE_DISABLED: 'api_not_enabled',
  accessNotConfigured: 'api_not_enabled',
  ACCOUNT_NOT_LINKED: 'account_unusable',
};

// Google's message for a token without the scope a method needs, on answers that carry no reason.
const SCOPE_MESSAGE = /insufficient authentication scopes/i;

// https://developers.google.com/health/troubleshooting, 403 Forbidden: "The caller does not have
// permission" from an endpoint call after a completed authorization "can occur when a legacy Fitbit
// account consents to the app instead of a Google Account". It is also Google's generic wording for
// any refusal, so it means that only on users/me/identity, the one Health call a login makes.
const LEGACY_ACCOUNT_MESSAGE = /^The caller does not have permission\.?$/i;

/**
 * The kind of an error answer from a resource endpoint (Google API or Fitbit API shape): Google's
 * reason first, then what PERMISSION_DENIED's message says, then the code as for any answer.
 */
export function kindOfApiAnswer(details: UpstreamErrorDetails & { upstreamCode: string }): UpstreamErrorKind {
  const byReason = details.upstreamReason === undefined ? undefined : KIND_OF_REASON[details.upstreamReason];
  if (byReason) return byReason;
  // Google's userinfo refuses an invalid or expired access token as 401 invalid_request "Invalid
  // Credentials" (test/fixtures/google/api_error_userinfo_invalid_credentials.json), where RFC 6750
  // §3.1 would say invalid_token: on a resource call the 401 says that the token was refused.
  if (details.status === 401 && details.upstreamCode === 'invalid_request') return 'invalid_token';
  if (details.upstreamCode === 'PERMISSION_DENIED') {
    const message = details.upstreamMessage ?? '';
    if (SCOPE_MESSAGE.test(message)) return 'insufficient_scope';
    if (details.operation === 'identity' && LEGACY_ACCOUNT_MESSAGE.test(message.trim())) return 'account_unusable';
    return 'upstream_error';
  }
  return kindOfCode(details.upstreamCode, details.upstreamMessage, details.status);
}
