import { describeAnswer, UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** 429: over the upstream's quota for this user or client. */
export class UpstreamRateLimitedError extends UpstreamError {
  readonly kind = 'rate_limited';
  /** When the quota resets, from the seconds the plugin read in the answer; absent when it gave none. */
  readonly resetAt: Date | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(details: UpstreamErrorDetails & { retryAfterSeconds?: number | undefined; now?: number }) {
    const seconds = details.retryAfterSeconds;
    super(`${describeAnswer(details)}${seconds === undefined ? '' : ` (quota resets in ${seconds} s)`}`, details);
    this.retryAfterSeconds = seconds;
    this.resetAt = seconds === undefined ? undefined : new Date((details.now ?? Date.now()) + seconds * 1000);
  }
}
