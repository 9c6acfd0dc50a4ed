import type { RateLimitScope } from '../../plugin.js';
import { describeAnswer, UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** 429: over the upstream's quota for this user or client. */
export class UpstreamRateLimitedError extends UpstreamError {
  readonly kind = 'rate_limited';
  /** When the quota resets, from the seconds the plugin read in the answer; absent when it gave none. */
  readonly resetAt: Date | undefined;
  readonly retryAfterSeconds: number | undefined;
  /**
   * Whose quota ran out, one user's or the whole client's (RateLimitScope in plugin.ts), as the
   * plugin knows its upstream's limits; absent when it cannot tell.
   */
  readonly rateLimitScope: RateLimitScope | undefined;

  constructor(details: UpstreamErrorDetails & { retryAfterSeconds?: number | undefined; rateLimitScope?: RateLimitScope | undefined; now?: number }) {
    const seconds = details.retryAfterSeconds;
    super(`${describeAnswer(details)}${quotaNote(seconds, details.rateLimitScope)}`, details);
    this.retryAfterSeconds = seconds;
    this.rateLimitScope = details.rateLimitScope;
    this.resetAt = seconds === undefined ? undefined : new Date((details.now ?? Date.now()) + seconds * 1000);
  }
}

/** " (quota resets in 42 s)", saying so when the quota is the whole client's. */
function quotaNote(seconds: number | undefined, scope: RateLimitScope | undefined): string {
  const resets = seconds === undefined ? undefined : `resets in ${seconds} s`;
  if (scope !== 'client') return resets === undefined ? '' : ` (quota ${resets})`;
  return ` (the client's quota, shared by every user${resets === undefined ? '' : `; ${resets}`})`;
}
