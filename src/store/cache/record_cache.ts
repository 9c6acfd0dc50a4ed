import type { OutageRead } from '../../domain/ports.js';
import type { ConfigVersion } from './config_version.js';
import { OutageCopies, type Copy, type Load } from './outage_copies.js';

// Also from here: the cache's users (and docs/storage.md) find all of its bounds in one module.
export { REREAD_AT_MOST, SERVE_STALE_WHILE_UNREACHABLE_MS } from './outage_copies.js';

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
/**
 * Beyond this many records the cache starts over (tenants with 10,000 clients stay bounded). The
 * outage copies have bounds of their own (OutageCopies), so a start over leaves them in place.
 */
export const MAX_RECORDS = 10_000;

/** What a read gets unless it asks for the copy: the store's error. */
const STALE_REFUSED: OutageRead = { stale: 'refused' };

/** One read of a record, shared by every reader; once it succeeded, also the outage copy (OutageCopies). */
interface Entry<T> extends Copy<T> {
  readonly value: Promise<T | undefined>;
  readonly at: number;
}

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
 * While the store cannot be reached, a read that asks for it (domain/ports.ts's OutageRead) is served
 * the record as last read: each successful read is handed to OutageCopies, which says when that is
 * safe, and reads its copies again after a change.
 */
export class RecordCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly copies: OutageCopies<T>;
  private version: string | undefined;

  constructor(
    private readonly configVersion: ConfigVersion,
    /** Counts hits and misses (fitgate_cache_lookups_total); nothing is counted when absent. */
    private readonly metrics?: CacheLookups,
  ) {
    this.copies = new OutageCopies<T>(MAX_RECORDS, {
      readVersion: () => this.configVersion.read(),
      noticed: (version) => {
        if (version !== this.version) this.moved(version);
      },
      share: (key, load) => this.share(key, load),
    });
  }

  /** `read` decides only what an unreachable store answers: a reachable one costs nothing more. */
  async get(key: string, load: () => Promise<T | undefined>, read: OutageRead = STALE_REFUSED): Promise<T | undefined> {
    let version: string;
    try {
      version = await this.configVersion.read();
    } catch (error) {
      return this.asLastRead(key, error, read);
    }
    this.copies.storeAnswered();
    if (version !== this.version) {
      this.moved(version);
      this.copies.startRereading();
    }
    let entry = this.entries.get(key);
    if (!entry || Date.now() - entry.at > RECORD_MAX_AGE_MS) {
      if (this.entries.size >= MAX_RECORDS) this.startOver();
      this.metrics?.miss();
      entry = this.read(key, load);
    } else {
      this.metrics?.hit();
    }
    // Only a read that may get the copy waits on its own for the record: the others (every request's
    // tenant, client and connection) take the shared promise as it is, as before outages were served.
    return read.stale === 'allowed' ? entry.value.catch((error: unknown) => this.asLastRead(key, error, read)) : entry.value;
  }

  /** After a write by this process: forget what was read, tell the other processes, then read the copies again. */
  async changed(): Promise<void> {
    this.moved(undefined);
    try {
      await this.configVersion.changed();
    } finally {
      // Only now: the pass reads the version this write produced, so it reads each record once.
      this.copies.startRereading();
    }
  }

  /** Settles once the outage copies outdated so far have been read again or dropped (OutageCopies.whenReread). */
  whenReread(): Promise<void> {
    return this.copies.whenReread();
  }

  /** Starts a read of `key` that every reader shares, and hands its record to the copies if it is still current when read. */
  private read(key: string, load: Load<T>): Entry<T> {
    const loading: Entry<T> = { value: load().then(deepFreeze), at: Date.now(), load, generation: this.copies.generation, record: undefined };
    this.entries.set(key, loading);
    loading.value.then(
      // No later read of the key replaced it (the copies check that no change was noticed since it
      // began). A start over (made-up keys) may have taken it out of `entries`: the record is as
      // current, and kept.
      (record) => {
        if ((this.entries.get(key) ?? loading) === loading) this.copies.keep(key, loading, record);
      },
      () => this.entries.get(key) === loading && this.entries.delete(key),
    );
    return loading;
  }

  /** The read of `key` under way, or a new one: the copies' re-read after a change shares it with requests. */
  private share(key: string, load: Load<T>): Promise<T | undefined> {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      // As a request's read does: made-up keys filling `entries` must not cost this copy.
      if (this.entries.size >= MAX_RECORDS) this.startOver();
      entry = this.read(key, load);
    }
    return entry.value;
  }

  /** A change: the records read so far may be outdated, and so are the copies. */
  private moved(version: string | undefined): void {
    this.copies.outdate();
    this.entries.clear();
    this.version = version;
  }

  /** Beyond MAX_RECORDS: a fresh start of what was read; the copies have bounds of their own. */
  private startOver(): void {
    this.entries.clear();
  }

  /** The copy of `key` when OutageCopies serves one for this failed read (a hit); else `error`. */
  private asLastRead(key: string, error: unknown, read: OutageRead): T | undefined {
    const record = this.copies.serve(key, error, read);
    this.metrics?.hit();
    return record;
  }
}
