import { setTimeout as sleep } from 'node:timers/promises';
import { BUSY_TIMEOUT_MS, type SqliteDatabase } from './database.js';
import { lockConflictOf, lockedFileUnavailable } from './lock_conflicts.js';
import { withoutBusyWait, writeLockConflict, writeLockIsFree } from './lock_probe.js';

/**
 * How long a write waits for another process's lock in all: SQLite's synchronous busy wait first
 * (BUSY_TIMEOUT_MS, enough for a peer's commit), then retries with the event loop free. A request
 * that meets a held lock is answered within the 2 s docs/operations.md promises while the store is
 * out, with room for the rest of its work.
 */
export const LOCK_WAIT_MS = 1000;

/**
 * Pauses between retries, which run without a busy wait: short at first, since a peer's commit (an
 * fsync of fitgate.db) takes a few milliseconds, then steady. A retry that finds the lock still held
 * costs about 20 µs, so a second of waiting costs well under a millisecond of CPU. SQLite's own busy
 * handler sleeps the same way (1, 2, 5, 10, 15, 20, 25 ms ...), but with the thread blocked.
 */
const RETRY_PAUSES_MS = [1, 2, 5, 10, 15, 20, 25];

/** Longest the writes that waited run back to back once the lock is free, before the event loop gets a turn. */
const DRAIN_SLICE_MS = 10;

/** How long readiness keeps trying for the lock before calling it held: peers' commits come and go well within it. */
export const READINESS_PATIENCE_MS = 300;

interface Waiter {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** When it stops waiting (epoch ms): LOCK_WAIT_MS after it was asked for. */
  readonly deadline: number;
}

type Attempt<T> = { done: true; value: T } | { done: false; conflict: Error };

/**
 * Every write on one connection of the embedded store goes through its gate, so that a lock held by
 * another process (a worker committing, `npm run admin`, a backup tool) never blocks the event loop
 * for longer than SQLite's short busy wait:
 *
 * - **free**: the write runs at once, synchronously, as if there were no gate (a try/catch and two
 *   field reads). SQLite's busy wait (BUSY_TIMEOUT_MS) covers a peer's commit.
 * - **waiting**: a write whose busy wait ran out is queued, and so is every write asked for after
 *   it (each would otherwise spend a busy wait of its own, blocking the loop again, and they keep
 *   their order). The first in line is retried without a busy wait at short pauses; once it gets
 *   the lock, it and the ones behind it run. A write still without the lock LOCK_WAIT_MS after it
 *   was asked for is rejected with StoreUnavailableError (503 temporarily_unavailable).
 * - **locked out**: once a write has waited the whole bound in vain, a new one does not queue: it
 *   tries once without waiting and is rejected at once while the lock is still held (and without
 *   trying while older writes still wait, so it can never run ahead of them). The first attempt
 *   that gets the lock (a write, a retry, a readiness probe) ends this.
 *
 * A unit of work is atomic: one statement, or one transaction from BEGIN to COMMIT, run in one
 * synchronous call, so another request's statements can never come in between. It may run more
 * than once (a run that meets the lock changed nothing); only the run that completes counts. It
 * must not call the gate itself.
 */
export class WriteGate {
  private readonly waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Attempts that met the lock since it was last free: picks the next pause. */
  private conflicts = 0;
  private lastConflict: Error | undefined;
  private lockedOut = false;
  private closed = false;

  constructor(
    private readonly db: SqliteDatabase,
    /** The file, as messages and the operator's remedy name it. */
    readonly path: string,
    private readonly waitMs = LOCK_WAIT_MS,
  ) {}

  /**
   * Runs `work` and answers its value at once when the lock was free (the common case, with no
   * promise of its own: return it from an async function); a promise when it has to wait. Errors
   * other than the lock are thrown (or rejected) unchanged.
   */
  write<T>(work: () => T): T | Promise<T> {
    if (this.waiting.length === 0 && !this.lockedOut) {
      try {
        return work();
      } catch (error) {
        const conflict = conflictOf(error);
        this.metConflict(conflict);
        // Its busy wait is spent: the rest of the bound is waited off the event loop.
        return this.enqueue(work, Date.now() - BUSY_TIMEOUT_MS + this.waitMs);
      }
    }
    if (this.lockedOut) {
      // Trying it now could run it ahead of writes still waiting, which were asked for first.
      if (this.waiting.length > 0) throw lockedFileUnavailable(this.path, `held for over ${this.waitMs} ms; not waiting again until it is free`, this.lastConflict);
      return this.tryOnce(work);
    }
    return this.enqueue(work, Date.now() + this.waitMs);
  }

  /** write() as a promise, for callers that answer one anyway. */
  run<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(this.write(work));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Whether another process holds the write lock: tried without a busy wait, again at short pauses
   * for up to `patienceMs` so that peers' commits, which come and go, do not count (readiness).
   */
  async lockHeld(patienceMs = READINESS_PATIENCE_MS): Promise<boolean> {
    const until = Date.now() + patienceMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      if (writeLockIsFree(this.db)) {
        this.lockFree();
        return false;
      }
      if (Date.now() >= until) return true;
      await sleep(pause);
    }
  }

  /** Gives the waiting writes a last try, rejects those still locked out, and stops retrying. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.db.open) return this.rejectAll('the store closed while the write waited');
    this.finishWaiting();
    this.rejectAll('the store closed while the write waited');
  }

  /**
   * At close, each waiting write in order with SQLite's busy wait (nothing is served any more, so
   * blocking is fine): a peer worker's ordinary commit at that moment must not fail them. The first
   * that still meets the lock stops the others, which are then refused in order.
   */
  private finishWaiting(): void {
    this.runWaiting(Number.POSITIVE_INFINITY);
  }

  private enqueue<T>(work: () => T, deadline: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject, deadline });
      this.schedule();
    });
  }

  private tryOnce<T>(work: () => T): T {
    const outcome = withoutBusyWait(this.db, () => attemptIfFree(this.db, work));
    if (!outcome.done) {
      this.metConflict(outcome.conflict);
      throw lockedFileUnavailable(this.path, `held for over ${this.waitMs} ms; not waiting again until it is free`, outcome.conflict);
    }
    this.lockFree();
    return outcome.value;
  }

  /** Tries the waiting writes in order, without a busy wait, for up to `sliceMs` while the lock is ours. */
  private retry(sliceMs = DRAIN_SLICE_MS): void {
    this.timer = undefined;
    const stillLocked = withoutBusyWait(this.db, () => {
      // A BEGIN of its own first, as attemptIfFree.
      const conflict = writeLockConflict(this.db);
      if (conflict === undefined) return this.runWaiting(sliceMs);
      this.metConflict(conflict);
      return true;
    });
    if (stillLocked) this.expire(Date.now());
    this.schedule();
  }

  /**
   * Runs the waiting writes in order, for up to `sliceMs`, with whatever busy wait the connection has
   * now; stops at the first that meets the lock, and answers whether one did. A write that fails
   * otherwise is rejected with its error and the next one runs.
   */
  private runWaiting(sliceMs: number): boolean {
    const started = Date.now();
    for (let head = this.waiting[0]; head !== undefined; head = this.waiting[0]) {
      let outcome: Attempt<unknown>;
      try {
        outcome = attempt(head.work);
      } catch (error) {
        this.waiting.shift();
        head.reject(error);
        continue;
      }
      if (!outcome.done) {
        this.metConflict(outcome.conflict);
        return true;
      }
      this.waiting.shift();
      head.resolve(outcome.value);
      this.lockFree();
      if (Date.now() - started >= sliceMs) return false;
    }
    return false;
  }

  /** Rejects the waiting writes whose bound has passed (the first in line go first: their deadlines are in order). */
  private expire(now: number): void {
    for (let head = this.waiting[0]; head !== undefined && head.deadline <= now; head = this.waiting[0]) {
      this.waiting.shift();
      this.lockedOut = true;
      head.reject(lockedFileUnavailable(this.path, `waited ${this.waitMs} ms`, this.lastConflict));
    }
  }

  private schedule(): void {
    if (this.timer !== undefined || this.closed || this.waiting.length === 0) return;
    const pause = this.conflicts === 0 ? 0 : RETRY_PAUSES_MS[Math.min(this.conflicts, RETRY_PAUSES_MS.length) - 1];
    this.timer = setTimeout(() => this.retry(), pause);
  }

  private metConflict(conflict: Error): void {
    this.conflicts += 1;
    this.lastConflict = conflict;
  }

  private lockFree(): void {
    this.conflicts = 0;
    this.lockedOut = false;
    // Writes may be waiting for a pause to end: the lock is free now.
    if (this.waiting.length > 0 && this.timer !== undefined && !this.closed) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.schedule();
    }
  }

  private rejectAll(detail: string): void {
    for (const waiter of this.waiting.splice(0)) waiter.reject(lockedFileUnavailable(this.path, detail, this.lastConflict));
  }
}

/** Runs `work`; a lock conflict is answered, any other error thrown. */
function attempt<T>(work: () => T): Attempt<T> {
  try {
    return { done: true, value: work() };
  } catch (error) {
    return { done: false, conflict: conflictOf(error) };
  }
}

/**
 * `work` run only if the lock can be had now, which is tried first with a BEGIN of its own: where
 * the lock is likely still held (locked out, retrying), a write that met it would have to be ended
 * (stuck_statements.ts), at several times the cost of a BEGIN that fails.
 */
function attemptIfFree<T>(db: SqliteDatabase, work: () => T): Attempt<T> {
  const conflict = writeLockConflict(db);
  return conflict === undefined ? attempt(work) : { done: false, conflict };
}

/**
 * The lock conflict `error` comes to, or `error` thrown. A run that met the lock changed nothing and
 * left nothing behind on the connection (its statement was ended where it failed: stuck_statements.ts),
 * so the next run, of this write or another, starts clean.
 */
function conflictOf(error: unknown): Error {
  const conflict = lockConflictOf(error);
  if (conflict === undefined) throw error;
  return conflict;
}

const gates = new WeakMap<SqliteDatabase, WriteGate>();

/** The gate of a connection: one per connection, made at its first write. */
export function writeGateOf(db: SqliteDatabase): WriteGate {
  let gate = gates.get(db);
  if (gate === undefined) {
    const [main] = db.pragma('database_list') as Array<{ file?: string }>;
    gate = new WriteGate(db, main?.file ?? 'the database');
    gates.set(db, gate);
  }
  return gate;
}
