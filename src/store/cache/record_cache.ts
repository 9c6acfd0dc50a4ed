import { isDeepStrictEqual } from 'node:util';
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

type Copier<T> = () => T | undefined;

/**
 * Hands out fresh copies of one record. A record that survives JSON unchanged (all of them today) is
 * copied by JSON.parse of its text, serialised once: several times cheaper per request than
 * structuredClone, which the profile showed among fitgate's own top functions. Anything else
 * (a Date, an undefined property) falls back to structuredClone.
 */
function copierOf<T>(value: T | undefined): Copier<T> {
  if (value === undefined) return () => undefined;
  const text = JSON.stringify(value);
  if (!isDeepStrictEqual(JSON.parse(text), value)) return () => structuredClone(value);
  return () => JSON.parse(text) as T;
}

/**
 * Records that rarely change, read once per process and served as copies until the ConfigVersion
 * moves (any change, by any process) or they are RECORD_MAX_AGE_MS old. A missing record is cached
 * too, so unknown hosts and client ids do not reach the store on every request. Concurrent misses of
 * one key share one read.
 */
export class RecordCache<T> {
  private readonly entries = new Map<string, { value: Promise<Copier<T>>; at: number }>();
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
      entry = { value: load().then(copierOf), at: Date.now() };
      this.entries.set(key, entry);
      entry.value.catch(() => this.entries.delete(key));
    } else {
      this.metrics?.hit();
    }
    // Callers may change what they get (the repositories promise copies).
    return (await entry.value)();
  }

  /** After a write by this process: forget everything and tell the other processes. */
  async changed(): Promise<void> {
    this.entries.clear();
    this.version = undefined;
    await this.configVersion.changed();
  }
}
