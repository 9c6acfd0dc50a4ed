import type { PluginErrorKind } from '../../plugin.js';
import { redactTokens } from './redact_tokens.js';

/**
 * What went wrong upstream, one value per distinct remedy: the host's PluginErrorKind itself, each
 * kind documented there. Which Fitbit and Google answers map to which kind: kind_of_code.ts (OAuth
 * codes), kind_of_api_answer.ts (API answers), refusal_kind.ts (authorize pages).
 */
export type UpstreamErrorKind = PluginErrorKind;

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
