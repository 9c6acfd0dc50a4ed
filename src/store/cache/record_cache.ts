import type { OutageRead } from '../../domain/ports.js';
import { asStoreUnavailable } from '../store_unavailable.js';
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
 * How long after the store last answered a record is still served as last read, while the store
 * cannot be reached (RecordCache says why this is safe). Five minutes is what fitgate already lets
 * any relying party keep its discovery document and JWKS for (Cache-Control max-age=300).
 */
export const SERVE_STALE_WHILE_UNREACHABLE_MS = 5 * 60_000;

/** What a read gets unless it asks for the copy: the store's error. */
const STALE_REFUSED: OutageRead = { stale: 'refused' };

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
 *
 * While the store cannot be reached (the version or a record cannot be read: a StoreUnavailableError),
 * a read that allows it (`{ stale: 'allowed' }`, domain/ports.ts's OutageRead) is served the record
 * as last read, for up to SERVE_STALE_WHILE_UNREACHABLE_MS after the store last answered; then, for a
 * record never read, and for every other read, the store's error. This keeps discovery, the JWKS and
 * /authorize's redirect of the outage to the application working through an outage. Nobody can
 * change these records while nobody can reach the store, so the copy is then the current record;
 * but a process cut off alone (a partition) may miss a change made meanwhile through another one,
 * for at most that bound. That is why no read gets the copy unless it asks: authenticating a client
 * against it would accept a secret rotated meanwhile (with the rate limits off, nothing else fails).
 * A JWKS that old is what relying parties keep anyway, and signing keys rotate rarely.
 */
export class RecordCache<T> {
  private readonly entries = new Map<string, { value: Promise<T | undefined>; at: number }>();
  /** Each key's record as last read from the store, under the current version. */
  private readonly lastRead = new Map<string, T | undefined>();
  private version: string | undefined;
  /** When the store last answered the version: the start of an outage, for the bound above. */
  private answeredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly configVersion: ConfigVersion,
    /** Counts hits and misses (fitgate_cache_lookups_total); nothing is counted when absent. */
    private readonly metrics?: CacheLookups,
  ) {}

  /** `read` decides only what an unreachable store answers: a reachable one costs nothing more. */
  async get(key: string, load: () => Promise<T | undefined>, read: OutageRead = STALE_REFUSED): Promise<T | undefined> {
    let version: string;
    try {
      version = await this.configVersion.read();
    } catch (error) {
      return this.asLastRead(key, error, read);
    }
    this.answeredAt = Date.now();
    if (version !== this.version) {
      this.forget();
      this.version = version;
    }
    let entry = this.entries.get(key);
    if (!entry || Date.now() - entry.at > RECORD_MAX_AGE_MS) {
      if (this.entries.size >= MAX_RECORDS) this.forget();
      this.metrics?.miss();
      const loading = { value: load().then(deepFreeze), at: Date.now() };
      this.entries.set(key, loading);
      loading.value.then(
        (value) => this.entries.get(key) === loading && this.lastRead.set(key, value),
        () => this.entries.get(key) === loading && this.entries.delete(key),
      );
      entry = loading;
    } else {
      this.metrics?.hit();
    }
    // Only a read that may get the copy waits on its own for the record: the others (every request's
    // tenant, client and connection) take the shared promise as it is, as before outages were served.
    return read.stale === 'allowed' ? entry.value.catch((error: unknown) => this.asLastRead(key, error, read)) : entry.value;
  }

  /** After a write by this process: forget everything and tell the other processes. */
  async changed(): Promise<void> {
    this.forget();
    this.version = undefined;
    await this.configVersion.changed();
  }

  private forget(): void {
    this.entries.clear();
    this.lastRead.clear();
  }

  /** The record as last read, when the read allows it, `error` is the store out of reach and within the bound; else `error`. */
  private asLastRead(key: string, error: unknown, read: OutageRead): T | undefined {
    const usable =
      read.stale === 'allowed' &&
      asStoreUnavailable(error) !== undefined &&
      this.lastRead.has(key) &&
      Date.now() - this.answeredAt <= SERVE_STALE_WHILE_UNREACHABLE_MS;
    if (!usable) throw error;
    this.metrics?.hit();
    return this.lastRead.get(key);
  }
}
