import type { OutageRead } from '../../domain/ports.js';
import { asStoreUnavailable } from '../store_unavailable.js';

/**
 * How long after the store last answered a record is still served as last read, while the store
 * cannot be reached (OutageCopies says why this is safe). Five minutes is what fitgate already lets
 * any relying party keep its discovery document and JWKS for (Cache-Control max-age=300).
 */
export const SERVE_STALE_WHILE_UNREACHABLE_MS = 5 * 60_000;
/**
 * After a change, at most this many copies are read again, at most REREAD_CONCURRENCY at a time:
 * an admin changing an application costs each process a few store reads in the background, not a
 * burst of 10,000 (MAX_RECORDS). A copy beyond it is dropped, as every copy was before re-reading.
 */
export const REREAD_AT_MOST = 1_000;
const REREAD_CONCURRENCY = 4;

/** The repository's own read of one record. */
export type Load<T> = () => Promise<T | undefined>;

/**
 * A read of a record, kept as its copy once it succeeded: it carries its read (to read the record
 * again after a change) and the change it was read after. RecordCache's shared read is one, so
 * keeping the copy costs no allocation of its own.
 */
export interface Copy<T> {
  readonly load: Load<T>;
  readonly generation: number;
  /** The record, once read. */
  record: T | undefined;
}

/** What the copies need of the cache they are kept for, to read them again after a change. */
export interface CacheReads<T> {
  /** The configuration version; rejects while the store cannot be reached. */
  readVersion(): Promise<string>;
  /** A version the copies read: the cache takes it as a request's read would (a change outdates them). */
  noticed(version: string): void;
  /** The read of `key` that requests share, started with `load` unless one is under way. */
  share(key: string, load: Load<T>): Promise<T | undefined>;
}

/** Resolves on the event loop's next turn, after the I/O (requests) waiting now. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * RecordCache's copies of records as last read, kept for an outage. While the store cannot be
 * reached (the version or a record cannot be read: a StoreUnavailableError), a read that allows it
 * (`{ stale: 'allowed' }`, domain/ports.ts's OutageRead) is served the record as last read, for up to
 * SERVE_STALE_WHILE_UNREACHABLE_MS after the store last answered; then, for a record never read, and
 * for every other read, the store's error. This keeps discovery, the JWKS and /authorize's redirect
 * of the outage to the application working through an outage. Nobody can change these records while
 * nobody can reach the store, so the copy is then the current record; but a process cut off alone
 * (a partition) may miss a change made meanwhile through another one, for at most that bound. That
 * is why no read gets the copy unless it asks: authenticating a client against it would accept a
 * secret rotated meanwhile (with the rate limits off, nothing else fails). A JWKS that old is what
 * relying parties keep anyway, and signing keys rotate rarely.
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
 * over (RecordCache), which forgets what it read but not these copies. The copies of records the
 * store held are kept apart from those of records it did not, each with its own bound (MAX_RECORDS):
 * only an administrator creates records, so made-up keys fill only the second, which simply starts
 * over.
 */
export class OutageCopies<T> {
  /** Each key's last successful read of a record the store held; served only while its generation is current. */
  private readonly held = new Map<string, Copy<T>>();
  /**
   * The keys read since the last change that the store did not hold: their copy (missing). A change
   * empties it, as such copies are not read again (rereadOutdated).
   */
  private readonly absent = new Set<string>();
  private noticedChanges = 0;
  /** The background pass reading outdated copies again, while one runs. */
  private rereading: Promise<void> | undefined;
  /** When the store last answered the version: the start of an outage, for SERVE_STALE_WHILE_UNREACHABLE_MS. */
  private answeredAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** How many copies of each kind are kept: held records, and records the store did not hold. */
    private readonly bound: number,
    private readonly cache: CacheReads<T>,
  ) {}

  /** Moves with every change this process notices: the copies read before it are outdated. */
  get generation(): number {
    return this.noticedChanges;
  }

  /** The store answered the version just now. */
  storeAnswered(): void {
    this.answeredAt = Date.now();
  }

  /** What a read found, kept as the copy unless a change was noticed since the read began. */
  keep(key: string, copy: Copy<T>, record: T | undefined): void {
    if (copy.generation !== this.generation) return;
    copy.record = record;
    if (record === undefined) this.keepAbsent(key);
    else this.keepHeld(key, copy);
  }

  /** A change: every copy is outdated. */
  outdate(): void {
    this.noticedChanges += 1;
    // Outdated copies of missing records are dropped, not read again (rereadOutdated).
    this.absent.clear();
  }

  /** After a change: reads the outdated copies again in the background. */
  startRereading(): void {
    // A pass under way looks for outdated copies again before it ends.
    if (this.rereading === undefined && this.held.size > 0) this.rereading = this.rereadOutdated();
  }

  /**
   * Settles once the copies outdated by the changes noticed so far have been read again or dropped.
   * Nothing waits for it in fitgate (the copies are read in the background); tests do.
   */
  whenReread(): Promise<void> {
    return this.rereading ?? Promise.resolve();
  }

  /** The record as last read, when `read` allows it, `error` is the store out of reach and within the bound; else throws `error`. */
  serve(key: string, error: unknown, read: OutageRead): T | undefined {
    if (read.stale !== 'allowed' || asStoreUnavailable(error) === undefined) throw error;
    if (Date.now() - this.answeredAt > SERVE_STALE_WHILE_UNREACHABLE_MS) throw error;
    const copy = this.held.get(key);
    if (copy !== undefined && copy.generation === this.generation) return copy.record;
    // Missing as read since the last change (outdate() empties the set).
    if (!this.absent.has(key)) throw error;
    return undefined;
  }

  /** The copy of a record the store held: beyond the bound, the one first read makes room. */
  private keepHeld(key: string, copy: Copy<T>): void {
    this.absent.delete(key);
    if (!this.held.has(key) && this.held.size >= this.bound) {
      const first = this.held.keys().next();
      if (first.done !== true) this.held.delete(first.value);
    }
    this.held.set(key, copy);
  }

  /** The copy of a record the store did not hold, in place of any older copy of it (it was deleted). */
  private keepAbsent(key: string): void {
    this.held.delete(key);
    if (this.absent.size >= this.bound) this.absent.clear();
    this.absent.add(key);
  }

  private async rereadOutdated(): Promise<void> {
    // Off the path of the request that noticed the change.
    await nextTurn();
    try {
      for (;;) {
        try {
          const version = await this.cache.readVersion();
          this.storeAnswered();
          // After this process's own write the version is not known yet: learn it before reading,
          // so that the next request does not see it as another change and have everything read again.
          this.cache.noticed(version);
        } catch {
          this.dropOutdated();
          return;
        }
        // Only records the store held are here: anyone can have the cache remember a missing one (a
        // made-up client_id or Host), and reading those again would make each change that many reads
        // per process and push the records that exist out of the pass (outdate() drops them instead).
        const outdated: string[] = [];
        for (const [key, copy] of this.held) {
          if (copy.generation === this.generation) continue;
          if (outdated.length < REREAD_AT_MOST) outdated.push(key);
          else this.held.delete(key);
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
    const copy = this.held.get(key);
    // Read again by a request meanwhile, or gone with a fresh start.
    if (copy === undefined || copy.generation === this.generation) return;
    const generation = this.generation;
    // A success has replaced the copy by now: the shared read keeps its record before any reader resumes.
    await this.cache.share(key, copy.load).catch(() => undefined);
    // Failed: no copy rather than the outdated one. After another change the next round reads it.
    if (this.generation === generation && this.held.get(key) === copy) this.held.delete(key);
  }

  private dropOutdated(): void {
    for (const [key, copy] of this.held) if (copy.generation !== this.generation) this.held.delete(key);
  }
}
