import type { Registry } from 'prom-client';
import { labelledCounter } from './labelled_metrics.js';
import type { CacheMetrics, RateLimitMetrics } from './metrics.js';

/** Cache hits and misses by cache, and rate-limit refusals by limiter. */
export function cachesAndLimits(registry: Registry): {
  cache(name: string): CacheMetrics;
  rateLimit(name: string): RateLimitMetrics;
} {
  const lookups = labelledCounter(registry, 'fitgate_cache_lookups_total', ['cache', 'result'],
    'Lookups in fitgate\'s in-process caches by cache and result (hit, miss).');
  const refusals = labelledCounter(registry, 'fitgate_rate_limit_refusals_total', ['limiter', 'tenant'],
    'Requests refused by a rate limit, by limiter (and tenant, when the limit belongs to one).');
  const caches = new Map<string, CacheMetrics>();
  const limits = new Map<string, RateLimitMetrics>();
  return {
    cache(name) {
      let cache = caches.get(name);
      if (!cache) {
        const hits = lookups.labels(name, 'hit');
        const misses = lookups.labels(name, 'miss');
        cache = { hit: () => hits.inc(), miss: () => misses.inc() };
        caches.set(name, cache);
      }
      return cache;
    },
    rateLimit(name) {
      let limit = limits.get(name);
      if (!limit) {
        limit = { refused: (tenant = '') => refusals.labels(name, tenant).inc() };
        limits.set(name, limit);
      }
      return limit;
    },
  };
}
