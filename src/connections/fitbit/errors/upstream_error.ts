import { redactTokens } from './redact_tokens.js';

/**
 * What went wrong upstream, in terms a host can act on: map it to an OAuth error for the client and
 * to an explanation for the admin. One value per distinct remedy.
 */
export type UpstreamErrorKind =
  /** The upstream does not accept the client id or secret. Admin: check the credentials. */
  | 'invalid_client'
  /** The client may not do this (e.g. a Fitbit Personal app authorised by someone other than its owner). */
  | 'unauthorized_client'
  /** The callback URL is not registered with the upstream. Admin: register the exact URL. */
  | 'redirect_uri_mismatch'
  /** The user declined consent. */
  | 'access_denied'
  /** prompt=none could not be satisfied without showing a page. */
  | 'interaction_required'
  /** The code or refresh token is invalid, expired, already used or revoked: the user must sign in again. */
  | 'invalid_grant'
  | 'invalid_scope'
  /** The access token is expired or revoked. */
  | 'invalid_token'
  /** The user did not grant a scope this call needs. */
  | 'insufficient_scope'
  | 'invalid_request'
  /**
   * Google signed the user in, but the Google Health API will not serve the account: it has no
   * Google Health profile (ACCOUNT_NOT_LINKED), or the consent came from a legacy Fitbit account.
   * The user must fix it in the Fitbit app; the message says how.
   */
  | 'account_unusable'
  /** The Google Health API is not enabled in the client's Cloud project (SERVICE_DISABLED). Admin: enable it. */
  | 'api_not_enabled'
  /** The legacy Fitbit API is shut down (410). Admin: switch the connection to google-health. */
  | 'gone'
  | 'rate_limited'
  /** Fitbit: a refresh with the same token is in flight elsewhere (409). */
  | 'conflict'
  /** 5xx, connection refused or reset. Retry later. */
  | 'unavailable'
  | 'timeout'
  /** A body that cannot be read or lacks what the protocol promises. */
  | 'bad_response'
  /** The id_token failed signature, issuer, audience, expiry or nonce checks. */
  | 'invalid_id_token'
  /** A 4xx with a code this plugin does not know; upstreamCode says which. */
  | 'upstream_error';

/** Which upstream call failed. */
export type UpstreamOperation =
  | 'authorize'
  | 'token'
  | 'refresh'
  | 'revoke'
  | 'profile'
  | 'identity'
  | 'userinfo'
  | 'jwks';

export interface UpstreamErrorDetails {
  operation: UpstreamOperation;
  /** The upstream's HTTP status; absent when no response arrived. */
  status?: number | undefined;
  /** The upstream's own code: OAuth `error`, Fitbit `errorType`, or Google's API `status`. */
  upstreamCode?: string | undefined;
  /** The upstream's own message (error_description, Fitbit `message`, Google `error.message`). */
  upstreamMessage?: string | undefined;
  /** Google APIs: the ErrorInfo `reason` of `error.details` (SERVICE_DISABLED, ACCOUNT_NOT_LINKED, ...). */
  upstreamReason?: string | undefined;
  cause?: unknown;
}

/**
 * Base of every error the Fitbit plugin raises for an upstream failure. Messages name the call and
 * the upstream's code and message, with anything token-like redacted (see redact_tokens.ts).
 */
export abstract class UpstreamError extends Error {
  abstract readonly kind: UpstreamErrorKind;
  readonly operation: UpstreamOperation;
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly upstreamReason: string | undefined;

  constructor(message: string, details: UpstreamErrorDetails) {
    super(redactTokens(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.operation = details.operation;
    this.status = details.status;
    this.upstreamCode = details.upstreamCode;
    this.upstreamMessage = redactTokens(details.upstreamMessage);
    this.upstreamReason = details.upstreamReason;
  }

  /** Whether the same call may succeed later without anyone changing anything. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'timeout' || this.kind === 'rate_limited' || this.kind === 'conflict';
  }
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError;
}

/** The error-kind discriminator: the kind of a plugin error, or undefined for anything else. */
export function upstreamErrorKind(error: unknown): UpstreamErrorKind | undefined {
  return isUpstreamError(error) ? error.kind : undefined;
}

/** "Upstream token call failed with invalid_grant: Authorization code invalid" (Google's reason in brackets). */
export function describeAnswer(details: UpstreamErrorDetails): string {
  const what = `${details.operation} ${details.operation === 'authorize' ? 'request' : 'call'}`;
  const answered = details.upstreamCode ?? (details.status === undefined ? 'no response' : `HTTP ${details.status}`);
  const code = details.upstreamReason === undefined ? answered : `${answered} (${details.upstreamReason})`;
  return details.upstreamMessage ? `Upstream ${what} failed with ${code}: ${details.upstreamMessage}` : `Upstream ${what} failed with ${code}`;
}
