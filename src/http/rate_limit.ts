import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { AppDeps } from '../app_deps.js';
import type { RateLimitWindow } from '../config/index.js';
import { RateLimitedError } from '../errors/index.js';
import type { RateLimitMetrics } from '../metrics/metrics.js';
import type { HitLimiter } from '../store/rate_limit_batches.js';

/** One limit: a limiter (points per window, in the store) and where its refusals are counted. */
export interface RateLimitCounter {
  /** The store's batched limiter, or any rate-limiter-flexible one. */
  readonly limiter: HitLimiter;
  /** Counts this limit's refusals (fitgate_rate_limit_refusals_total); nothing is counted when absent. */
  readonly metrics?: RateLimitMetrics;
}

/**
 * A limit of `window` counted in the app's store under `keyPrefix` (so it holds across workers and
 * instances), its refusals counted under the same name when the app counts anything.
 */
export function storedRateLimitCounter(deps: Pick<AppDeps, 'store' | 'metrics'>, keyPrefix: string, window: RateLimitWindow): RateLimitCounter {
  return {
    limiter: deps.store.batchedRateLimiter({ keyPrefix, points: window.points, durationSeconds: window.durationSeconds }),
    ...(deps.metrics && { metrics: deps.metrics.rateLimit(keyPrefix) }),
  };
}

/** One limit on a route, and the bucket a request spends from. */
export interface RateLimitRule extends RateLimitCounter {
  /** The bucket this request counts against; undefined when the rule does not apply to it. */
  keyOf(req: Request): string | undefined;
}

/** One point to spend: a limit, and the bucket it comes from. */
export interface RateLimitSpend {
  readonly counter: RateLimitCounter;
  readonly key: string;
}

/** What a refused caller reads, given the seconds to wait. */
export type RateLimitMessage = (retryAfterSeconds: number) => string;

/** The counter closest to its limit so far in a response, kept across the limits it passes (before and after authentication). */
interface Tightest {
  readonly points: number;
  readonly result: RateLimiterRes;
}
const tightestOf = new WeakMap<Response, Tightest>();

/** A route's limits as middleware: spendRateLimits for every rule that applies to the request. */
export function rateLimit(rules: readonly RateLimitRule[], message: RateLimitMessage): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const spends: RateLimitSpend[] = [];
    for (const rule of rules) {
      const key = rule.keyOf(req);
      if (key !== undefined) spends.push({ counter: rule, key });
    }
    try {
      await spendRateLimits(req, res, spends, message);
    } catch (error) {
      return next(error);
    }
    next();
  };
}

/**
 * Spends one point of each limit from its bucket, then answers Auth0's x-ratelimit-limit,
 * x-ratelimit-remaining and x-ratelimit-reset (epoch seconds) for the counter closest to its limit
 * of all this response has passed, so a limit spent once the caller is known (the client, after it
 * authenticates) and one spent before still report the tighter of the two. Once a limit is spent:
 * throws a 429 RateLimitedError with Retry-After, answered in the route's error format. A limiter
 * whose store fails throws its error (fail closed): a limit that cannot be checked is not a free pass.
 */
export async function spendRateLimits(req: Request, res: Response, spends: readonly RateLimitSpend[], message: RateLimitMessage): Promise<void> {
  let tightest = tightestOf.get(res);
  for (const { counter, key } of spends) {
    let result: RateLimiterRes;
    try {
      result = await counter.limiter.consume(key);
    } catch (rejection) {
      // rate-limiter-flexible rejects with a RateLimiterRes when the points are spent, and with an
      // Error when its store fails.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      setLimitHeaders(res, counter.limiter.points, rejection);
      counter.metrics?.refused(req.context?.tenant?.name);
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new RateLimitedError(message(retryAfterSeconds), retryAfterSeconds);
    }
    if (!tightest || result.remainingPoints < tightest.result.remainingPoints) tightest = { points: counter.limiter.points, result };
  }
  if (!tightest) return;
  tightestOf.set(res, tightest);
  setLimitHeaders(res, tightest.points, tightest.result);
}

function setLimitHeaders(res: Response, points: number, result: RateLimiterRes): void {
  res.setHeader('x-ratelimit-limit', String(points));
  res.setHeader('x-ratelimit-remaining', String(Math.max(0, result.remainingPoints)));
  res.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + result.msBeforeNext) / 1000)));
}
