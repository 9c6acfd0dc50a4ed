import type { CacheLookupsSource } from './cache/record_cache.js';

/**
 * What an opened store counts with, beside its caches' lookups: the metrics' StoreMetrics fits it.
 * `store` is absent where nothing counts (tools, tests).
 */
export interface StoreCountsSource extends CacheLookupsSource {
  readonly store?: {
    /** A Redis connection that served was lost (once per loss, not per reconnection attempt). */
    connectionLost(): void;
  };
}
