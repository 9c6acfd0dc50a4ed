import type { ConfigVersion } from './config_version.js';

/** Counts a cache's lookups; src/metrics's Metrics.cache(name) answers one (the store does not import metrics). */
export interface CacheLookups {
  hit(): void;
  miss(): void;
}

/** Where a store's caches get their counters: Metrics fits. */
export interface CacheLookupsSource {
  cache(name: string): CacheLookups;
}

/** Longest a cached record is served without a fresh read, even if no change was announced. */
export const RECORD_MAX_AGE_MS = 30_000;
/** Beyond this many records the cache starts over (tenants with 10,000 clients stay bounded). */
const MAX_RECORDS = 10_000;

/**
 * Makes a cached record immutable, all the way down, so every request can share the one instance
 * instead of parsing a copy: a tenant with its signing keys is kilobytes of JSON, read on every
 * request. A caller that wants to change a record builds a new one ({ ...record, name }), which is
 * what the repositories' update methods take anyway; an attempt to change the shared one in place
 * throws (ES modules run in strict mode) instead of silently changing what other requests see.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const property of Object.values(value)) deepFreeze(property);
  return Object.freeze(value);
}

/**
 * Records that rarely change, read once per process and served frozen until the ConfigVersion
 * moves (any change, by any process) or they are RECORD_MAX_AGE_MS old. A missing record is cached
 * too, so unknown hosts and client ids do not reach the store on every request. Concurrent misses of
 * one key share one read.
 */
export class RecordCache<T> {
  private readonly entries = new Map<string, { value: Promise<T | undefined>; at: number }>();
  private version: string | undefined;

  constructor(
    private readonly configVersion: ConfigVersion,
    /** Counts hits and misses (fitgate_cache_lookups_total); nothing is counted when absent. */
    private readonly metrics?: CacheLookups,
  ) {}

  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const version = await this.configVersion.read();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    let entry = this.entries.get(key);
    if (!entry || Date.now() - entry.at > RECORD_MAX_AGE_MS) {
      if (this.entries.size >= MAX_RECORDS) this.entries.clear();
      this.metrics?.miss();
      entry = { value: load().then(deepFreeze), at: Date.now() };
      this.entries.set(key, entry);
      entry.value.catch(() => this.entries.delete(key));
    } else {
      this.metrics?.hit();
    }
    return entry.value;
  }

  /** After a write by this process: forget everything and tell the other processes. */
  async changed(): Promise<void> {
    this.entries.clear();
    this.version = undefined;
    await this.configVersion.changed();
  }
}
