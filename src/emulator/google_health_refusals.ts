import { UpstreamError } from './errors.js';
import type { RegisteredApp, TestUser } from './types.js';

/**
 * The Google Health API's refusals of a valid token, in Google's API error shape with the details
 * that name the reason (https://cloud.google.com/apis/design/errors). Which one a call gets depends
 * on the app (healthApiEnabled) and the user (googleHealth); health.googleapis.com asks in this
 * order: the API enabled for the token's project, the scopes, the account. [uncertain] No source
 * gives Google's own order; a real call meets at most one of them in practice.
 */

const SERVICE = 'health.googleapis.com';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

function googleApiError(status: number, statusWord: string, message: string, details?: readonly Record<string, unknown>[]): UpstreamError {
  const error = new UpstreamError(status, statusWord, message);
  error.googleStatus = statusWord;
  error.details = details;
  return error;
}

/**
 * Google client ids begin with the number of the Cloud project that owns them
 * ("1234567890-abc.apps.googleusercontent.com"), which Google names in SERVICE_DISABLED.
 */
function projectNumber(app: RegisteredApp): string {
  return /^(\d+)-/.exec(app.clientId)?.[1] ?? '000000000000';
}

/**
 * 403 SERVICE_DISABLED, as every Google API answers while it is not enabled in the caller's project
 * (body as in https://cloud.google.com/service-health/docs/troubleshooting; the fix,
 * https://cloud.google.com/service-usage/docs/troubleshooting: enable the service for the project).
 */
export function serviceDisabled(app: RegisteredApp): UpstreamError {
  const project = projectNumber(app);
  const overview = `https://console.developers.google.com/apis/api/${SERVICE}/overview?project=${project}`;
  return googleApiError(
    403,
    'PERMISSION_DENIED',
    `Google Health API has not been used in project ${project} before or it is disabled. Enable it by visiting ${overview} then retry. ` +
      'If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.',
    [
      { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Google developers console API activation', url: overview }] },
      { '@type': ERROR_INFO, reason: 'SERVICE_DISABLED', domain: 'googleapis.com', metadata: { consumer: `projects/${project}`, service: SERVICE } },
    ],
  );
}

/** 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT: the grant has no scope this method accepts (google.api.ErrorReason). */
export function insufficientScopes(): UpstreamError {
  const error = googleApiError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', [
    { '@type': ERROR_INFO, reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com', metadata: { service: SERVICE } },
  ]);
  error.headers['WWW-Authenticate'] = 'Bearer error="insufficient_scope"';
  return error;
}

/**
 * The user's account, when the Health API will not serve it (https://developers.google.com/health/troubleshooting):
 * - not-linked: 400 FAILED_PRECONDITION "The account is not linked to Google Health.", reason
 *   ACCOUNT_NOT_LINKED (also in https://developers.google.com/health/reference/rest/v4/errors).
 *   [uncertain] The ErrorInfo's domain: Google's service-specific reasons carry the service name.
 * - legacy-fitbit-consent: 403 PERMISSION_DENIED "The caller does not have permission" (the page's
 *   message; its description, "Could not mint UberMint from GaiaMint", is Google's internal detail,
 *   [uncertain] whether it reaches the body at all, so it is left out).
 */
export function accountRefusal(user: TestUser): UpstreamError | undefined {
  if (user.googleHealth === 'not-linked') {
    return googleApiError(400, 'FAILED_PRECONDITION', 'The account is not linked to Google Health.', [
      { '@type': ERROR_INFO, reason: 'ACCOUNT_NOT_LINKED', domain: SERVICE },
    ]);
  }
  if (user.googleHealth === 'legacy-fitbit-consent') return googleApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
  return undefined;
}
