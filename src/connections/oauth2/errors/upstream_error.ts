import type { PluginErrorKind } from '../../plugin.js';
import { redactTokens } from './redact_tokens.js';

/**
 * What went wrong upstream, one value per distinct remedy: the host's PluginErrorKind itself, each
 * kind documented there. Which standard OAuth codes map to which kind: kind_of_oauth_code.ts; a
 * plugin reads its upstream's own codes and answers itself.
 */
export type UpstreamErrorKind = PluginErrorKind;

export interface UpstreamErrorDetails {
  /**
   * Which upstream call failed: a metric label from the plugin's fixed list, the OAuth calls named as
   * in operation.ts.
   */
  operation: string;
  /** The upstream's HTTP status; absent when no response arrived. */
  status?: number | undefined;
  /** The upstream's own code: an OAuth `error`, or whatever its API answers use. */
  upstreamCode?: string | undefined;
  /** The upstream's own message (an OAuth error_description, or its API's). */
  upstreamMessage?: string | undefined;
  /** A finer reason some upstreams give beside their code, which tells apart remedies the code cannot. */
  upstreamReason?: string | undefined;
  cause?: unknown;
}

/**
 * Base of every error a plugin built on this client raises for an upstream failure: a PluginFailure
 * the host reads as it is. Messages name the call and the upstream's code and message, with anything
 * token-like redacted (see redact_tokens.ts).
 */
export abstract class UpstreamError extends Error {
  abstract readonly kind: UpstreamErrorKind;
  readonly operation: string;
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

/** "Upstream token call failed with invalid_grant: Authorization code invalid" (the reason, if any, in brackets). */
export function describeAnswer(details: UpstreamErrorDetails): string {
  const what = `${details.operation} ${details.operation === 'authorize' ? 'request' : 'call'}`;
  const answered = details.upstreamCode ?? (details.status === undefined ? 'no response' : `HTTP ${details.status}`);
  const code = details.upstreamReason === undefined ? answered : `${answered} (${details.upstreamReason})`;
  return details.upstreamMessage ? `Upstream ${what} failed with ${code}: ${details.upstreamMessage}` : `Upstream ${what} failed with ${code}`;
}
