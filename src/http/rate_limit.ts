import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors/index.js';
import type { RateLimitMetrics } from '../metrics/metrics.js';
import type { HitLimiter } from '../store/rate_limit_batches.js';

/** One limit on a route: a limiter (points per window, in the store) and the bucket a request spends from. */
export interface RateLimitRule {
  /** The store's batched limiter, or any rate-limiter-flexible one. */
  readonly limiter: HitLimiter;
  /** The bucket this request counts against; undefined when the rule does not apply to it. */
  keyOf(req: Request): string | undefined;
  /** Counts this rule's refusals (fitgate_rate_limit_refusals_total); nothing is counted when absent. */
  readonly metrics?: RateLimitMetrics;
}

/** What a refused caller reads, given the seconds to wait. */
export type RateLimitMessage = (retryAfterSeconds: number) => string;

/**
 * Spends one point of every rule that applies to the request, then answers Auth0's
 * x-ratelimit-limit, x-ratelimit-remaining and x-ratelimit-reset (epoch seconds) for the rule
 * closest to its limit. Once a rule is spent: 429 with Retry-After, in the route's error format.
 * A limiter whose store fails passes the error on (fail closed): a limit that cannot be checked is
 * not a free pass.
 */
export function rateLimit(rules: readonly RateLimitRule[], message: RateLimitMessage): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    let tightest: { points: number; result: RateLimiterRes } | undefined;
    for (const rule of rules) {
      const key = rule.keyOf(req);
      if (key === undefined) continue;
      let result: RateLimiterRes;
      try {
        result = await rule.limiter.consume(key);
      } catch (rejection) {
        // rate-limiter-flexible rejects with a RateLimiterRes when the points are spent, and with an
        // Error when its store fails.
        if (!(rejection instanceof RateLimiterRes)) return next(rejection);
        setLimitHeaders(res, rule.limiter.points, rejection);
        rule.metrics?.refused(req.context?.tenant?.name);
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        return next(new RateLimitedError(message(retryAfterSeconds), retryAfterSeconds));
      }
      if (!tightest || result.remainingPoints < tightest.result.remainingPoints) tightest = { points: rule.limiter.points, result };
    }
    if (tightest) setLimitHeaders(res, tightest.points, tightest.result);
    next();
  };
}

function setLimitHeaders(res: Response, points: number, result: RateLimiterRes): void {
  res.setHeader('x-ratelimit-limit', String(points));
  res.setHeader('x-ratelimit-remaining', String(Math.max(0, result.remainingPoints)));
  res.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + result.msBeforeNext) / 1000)));
}
