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
/**
 * Beyond this many records the cache starts over (tenants with 10,000 clients stay bounded). The
 * outage copies have bounds of their own (RecordCache), so a start over leaves them in place.
 */
export const MAX_RECORDS = 10_000;
/**
 * How long after the store last answered a record is still served as last read, while the store
 * cannot be reached (RecordCache says why this is safe). Five minutes is what fitgate already lets
 * any relying party keep its discovery document and JWKS for (Cache-Control max-age=300).
 */
export const SERVE_STALE_WHILE_UNREACHABLE_MS = 5 * 60_000;

/** What a read gets unless it asks for the copy: the store's error. */
const STALE_REFUSED: OutageRead = { stale: 'refused' };
/**
 * After a change, at most this many copies are read again, at most REREAD_CONCURRENCY at a time:
 * an admin changing an application costs each process a few store reads in the background, not a
 * burst of 10,000 (MAX_RECORDS). A copy beyond it is dropped, as every copy was before re-reading.
 */
export const REREAD_AT_MOST = 1_000;
const REREAD_CONCURRENCY = 4;

/** The repository's own read of one record. */
type Load<T> = () => Promise<T | undefined>;

/**
 * One read of a record, shared by every reader. Once it succeeded it is also the copy kept for an
 * outage: it carries its read (to read the record again after a change) and the change it was read
 * after, so keeping the copy costs no allocation of its own.
 */
interface Entry<T> {
  readonly value: Promise<T | undefined>;
  readonly at: number;
  readonly load: Load<T>;
  readonly generation: number;
  /** The record, once `value` resolved. */
  record: T | undefined;
}

/** Resolves on the event loop's next turn, after the I/O (requests) waiting now. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
 *
 * A change (the version moved) makes every copy outdated: none is served from then on (a deleted
 * application, a removed callback, a rotated key). So that an outage soon after a change still has
 * its copies, the records that had one are read again in the background right after the change
 * (REREAD_AT_MOST, a few at a time, never on a request's path); a request asking meanwhile shares
 * that read. Changes during it are coalesced: what was read before the latest is read once more. A
 * copy whose read fails is dropped: no copy rather than an outdated one. So is an outdated copy of a
 * record the store did not hold, unread (an outage then answers for it as for a record never read).
 *
 * Anyone can make the cache look up a record that does not exist (a made-up client_id or Host), so
 * those lookups must not cost the copies of the records that do: MAX_RECORDS of them start the cache
 * over, which forgets what was read but keeps the copies. The copies of records the store held are
 * kept apart from those of records it did not, each with its own bound of MAX_RECORDS: only an
 * administrator creates records, so made-up keys fill only the second, which simply starts over.
 */
export class RecordCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Each key's last successful read of a record the store held; served only while its generation is current. */
  private readonly lastRead = new Map<string, Entry<T>>();
  /**
   * The keys read since the last change that the store did not hold: their copy (missing). A change
   * empties it, as such copies are not read again (rereadOutdated).
   */
  private readonly absent = new Set<string>();
  /** Moves with every change this process notices: the copies read before it are outdated. */
  private generation = 0;
  /** The background pass reading outdated copies again, while one runs. */
  private rereading: Promise<void> | undefined;
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
      this.moved(version);
      this.startRereading();
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
      this.startRereading();
    }
  }

  /**
   * Settles once the copies outdated by the changes noticed so far have been read again or dropped.
   * Nothing waits for it in fitgate (the copies are read in the background); tests do.
   */
  whenReread(): Promise<void> {
    return this.rereading ?? Promise.resolve();
  }

  /** Starts a read of `key` that every reader shares, and keeps its record as the copy if it is still current when read. */
  private read(key: string, load: Load<T>): Entry<T> {
    const loading: Entry<T> = { value: load().then(deepFreeze), at: Date.now(), load, generation: this.generation, record: undefined };
    this.entries.set(key, loading);
    loading.value.then(
      // No change was noticed since the read began, and no later read of the key replaced it. A start
      // over (made-up keys) may have taken it out of `entries`: the record is as current, and kept.
      (record) => {
        if (loading.generation !== this.generation || (this.entries.get(key) ?? loading) !== loading) return;
        loading.record = record;
        if (record === undefined) this.keepAbsent(key);
        else this.keepCopy(key, loading);
      },
      () => this.entries.get(key) === loading && this.entries.delete(key),
    );
    return loading;
  }

  /** The copy of a record the store held: beyond MAX_RECORDS of them, the one first read makes room. */
  private keepCopy(key: string, entry: Entry<T>): void {
    this.absent.delete(key);
    if (!this.lastRead.has(key) && this.lastRead.size >= MAX_RECORDS) {
      const first = this.lastRead.keys().next();
      if (first.done !== true) this.lastRead.delete(first.value);
    }
    this.lastRead.set(key, entry);
  }

  /** The copy of a record the store did not hold, in place of any older copy of it (it was deleted). */
  private keepAbsent(key: string): void {
    this.lastRead.delete(key);
    if (this.absent.size >= MAX_RECORDS) this.absent.clear();
    this.absent.add(key);
  }

  /** A change: the records read so far may be outdated, and so are the copies. */
  private moved(version: string | undefined): void {
    this.generation += 1;
    this.entries.clear();
    // Outdated copies of missing records are dropped, not read again (rereadOutdated).
    this.absent.clear();
    this.version = version;
  }

  /** Beyond MAX_RECORDS: a fresh start of what was read; the copies have bounds of their own. */
  private startOver(): void {
    this.entries.clear();
  }

  private startRereading(): void {
    // A pass under way looks for outdated copies again before it ends.
    if (this.rereading === undefined && this.lastRead.size > 0) this.rereading = this.rereadOutdated();
  }

  private async rereadOutdated(): Promise<void> {
    // Off the path of the request that noticed the change.
    await nextTurn();
    try {
      for (;;) {
        try {
          const version = await this.configVersion.read();
          this.answeredAt = Date.now();
          // After this process's own write the version is not known yet: learn it before reading,
          // so that the next request does not see it as another change and have everything read again.
          if (version !== this.version) this.moved(version);
        } catch {
          this.dropOutdated();
          return;
        }
        // Only records the store held are here: anyone can have the cache remember a missing one (a
        // made-up client_id or Host), and reading those again would make each change that many reads
        // per process and push the records that exist out of the pass (moved() drops them instead).
        const outdated: string[] = [];
        for (const [key, copy] of this.lastRead) {
          if (copy.generation === this.generation) continue;
          if (outdated.length < REREAD_AT_MOST) outdated.push(key);
          else this.lastRead.delete(key);
        }
        // Returning runs `finally` at once: no change can slip in between this check and the end of the pass.
        if (outdated.length === 0) return;
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < outdated.length) {
            await this.reread(outdated[next++]!);
            // The embedded store reads synchronously: requests go first between two reads.
            await nextTurn();
          }
        };
        await Promise.all(Array.from({ length: Math.min(REREAD_CONCURRENCY, outdated.length) }, worker));
      }
    } finally {
      this.rereading = undefined;
    }
  }

  /** Reads one outdated copy again; drops it if that read fails. */
  private async reread(key: string): Promise<void> {
    const copy = this.lastRead.get(key);
    // Read again by a request meanwhile, or gone with a fresh start.
    if (copy === undefined || copy.generation === this.generation) return;
    const generation = this.generation;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      // As a request's read does: made-up keys filling `entries` must not cost this copy.
      if (this.entries.size >= MAX_RECORDS) this.startOver();
      entry = this.read(key, copy.load);
    }
    // A success has replaced the copy by now (read()'s handler runs first).
    await entry.value.catch(() => undefined);
    // Failed: no copy rather than the outdated one. After another change the next round reads it.
    if (this.generation === generation && this.lastRead.get(key) === copy) this.lastRead.delete(key);
  }

  private dropOutdated(): void {
    for (const [key, copy] of this.lastRead) if (copy.generation !== this.generation) this.lastRead.delete(key);
  }

  /** The record as last read, when the read allows it, `error` is the store out of reach and within the bound; else `error`. */
  private asLastRead(key: string, error: unknown, read: OutageRead): T | undefined {
    if (read.stale !== 'allowed' || asStoreUnavailable(error) === undefined) throw error;
    if (Date.now() - this.answeredAt > SERVE_STALE_WHILE_UNREACHABLE_MS) throw error;
    const copy = this.lastRead.get(key);
    if (copy !== undefined && copy.generation === this.generation) {
      this.metrics?.hit();
      return copy.record;
    }
    // Missing as read since the last change (moved() empties the set).
    if (!this.absent.has(key)) throw error;
    this.metrics?.hit();
    return undefined;
  }
}
