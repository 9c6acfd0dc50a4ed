import { UpstreamBadResponseError } from '../../oauth2/errors/bad_response_error.js';
import { readOAuthErrorBody } from '../../oauth2/errors/oauth_error_body.js';
import { UpstreamOAuthError } from '../../oauth2/errors/oauth_error.js';
import { UpstreamRateLimitedError } from '../../oauth2/errors/rate_limited_error.js';
import { retryAfterSeconds as readRetryAfter } from '../../oauth2/errors/retry_after.js';
import { UpstreamServerError } from '../../oauth2/errors/server_error.js';
import type { UpstreamError } from '../../oauth2/errors/upstream_error.js';
import { isJsonObject, optionalString, parseJsonObject, type JsonObject } from '../../oauth2/json.js';
import { isOAuth2Operation } from '../../oauth2/operation.js';
import type { FitbitApi } from '../api.js';
import { UpstreamAccountUnusableError } from './account_unusable_error.js';
import { UpstreamApiError } from './api_error.js';
import { UpstreamGoneError } from './gone_error.js';
import { kindOfApiAnswer } from './kind_of_api_answer.js';
import { kindOfCode } from './kind_of_code.js';
import { rateLimitScopeOf } from './rate_limit_scope.js';
import type { UpstreamOperation } from './upstream_operation.js';

export interface ErrorResponse {
  operation: UpstreamOperation;
  status: number;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  body: string;
  /** Milliseconds since the epoch, for the rate-limit reset time; Date.now() when absent. */
  now?: number;
  /** The mode that answered, for whose quota a 429 counted against (rate_limit_scope.ts); absent: not said. */
  api?: FitbitApi | undefined;
}

interface UpstreamAnswer {
  code: string;
  message?: string | undefined;
  /** Google APIs: the reason in `error.details` (or the older `error.errors`). */
  reason?: string | undefined;
}

/** Turns a non-2xx answer from either upstream into the typed error for it. Pure. */
export function parseErrorResponse(response: ErrorResponse): UpstreamError {
  const { operation, status } = response;
  // Fitbit documents 409 (concurrent refresh) but not its body: the status alone says enough.
  const answer = readAnswer(response.body) ?? (status === 409 ? { code: 'conflict' } : undefined);
  const details = { operation, status, upstreamCode: answer?.code, upstreamMessage: answer?.message, upstreamReason: answer?.reason };

  if (status === 410) return new UpstreamGoneError(details);
  if (status === 429) {
    const rateLimitScope = response.api === undefined ? undefined : rateLimitScopeOf(response.api, operation);
    return new UpstreamRateLimitedError({ ...details, retryAfterSeconds: retryAfterSeconds(response), rateLimitScope, now: response.now });
  }
  if (status >= 500) return new UpstreamServerError(details);
  if (!answer) {
    return new UpstreamBadResponseError({ ...details, problem: 'the error body is in neither Fitbit nor Google shape' });
  }
  if (isOAuth2Operation(operation)) {
    return new UpstreamOAuthError({ ...details, upstreamCode: answer.code, kind: kindOfCode(answer.code, answer.message, status) });
  }
  const api = { ...details, upstreamCode: answer.code };
  return kindOfApiAnswer(api) === 'account_unusable' ? new UpstreamAccountUnusableError(api) : new UpstreamApiError(api);
}

function readAnswer(body: string): UpstreamAnswer | undefined {
  const json = parseJsonObject(body);
  if (!json) return undefined;
  return fitbitAnswer(json) ?? readOAuthErrorBody(json) ?? googleApiAnswer(json);
}

/** `{"errors":[{"errorType":"invalid_grant","message":"..."}],"success":false}`: the first error speaks for all. */
function fitbitAnswer(json: JsonObject): UpstreamAnswer | undefined {
  const first: unknown = Array.isArray(json.errors) ? json.errors[0] : undefined;
  if (!isJsonObject(first) || typeof first.errorType !== 'string') return undefined;
  return { code: first.errorType, message: optionalString(first.message) };
}

/**
 * Google APIs (https://cloud.google.com/apis/design/errors): `{"error":{"code":403,"message":"...",
 * "status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
 * "reason":"SERVICE_DISABLED",...}]}}`. The reason tells apart what one status word covers.
 */
function googleApiAnswer(json: JsonObject): UpstreamAnswer | undefined {
  const error = json.error;
  if (!isJsonObject(error)) return undefined;
  const code = optionalString(error.status) ?? (typeof error.code === 'number' ? `HTTP ${error.code}` : undefined);
  return code === undefined ? undefined : { code, message: optionalString(error.message), reason: googleReason(error) };
}

/** The ErrorInfo's reason; else the first reason of the older `errors` list (e.g. accessNotConfigured). */
function googleReason(error: JsonObject): string | undefined {
  const details = Array.isArray(error.details) ? error.details.filter(isJsonObject) : [];
  const info = details.find((detail) => String(detail['@type']).endsWith('google.rpc.ErrorInfo') && optionalString(detail.reason));
  if (info) return optionalString(info.reason);
  const first: unknown = Array.isArray(error.errors) ? error.errors[0] : undefined;
  return isJsonObject(first) ? optionalString(first.reason) : undefined;
}

/**
 * Fitbit sends the seconds until its hourly quota resets in Fitbit-Rate-Limit-Reset; Google sends
 * Retry-After.
 */
function retryAfterSeconds(response: ErrorResponse): number | undefined {
  const fitbit = Number(response.headers['fitbit-rate-limit-reset']);
  if (response.headers['fitbit-rate-limit-reset'] !== undefined && Number.isFinite(fitbit) && fitbit >= 0) {
    return Math.ceil(fitbit);
  }
  return readRetryAfter(response.headers['retry-after'], response.now);
}
