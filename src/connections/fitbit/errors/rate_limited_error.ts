import { describeAnswer, UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** 429: over the upstream's per-user quota (Fitbit 150/hour, Google 300/minute). */
export class UpstreamRateLimitedError extends UpstreamError {
  readonly kind = 'rate_limited';
  /** When the quota resets, from Fitbit-Rate-Limit-Reset or Retry-After; absent when neither was sent. */
  readonly resetAt: Date | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(details: UpstreamErrorDetails & { retryAfterSeconds?: number | undefined; now?: number }) {
    const seconds = details.retryAfterSeconds;
    super(`${describeAnswer(details)}${seconds === undefined ? '' : ` (quota resets in ${seconds} s)`}`, details);
    this.retryAfterSeconds = seconds;
    this.resetAt = seconds === undefined ? undefined : new Date((details.now ?? Date.now()) + seconds * 1000);
  }
}
