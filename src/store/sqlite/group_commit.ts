import type { SqliteDatabase } from './database.js';
import type { WalSync } from './wal_sync.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for fitgate.db, where acknowledged means on disk. A durable write is a synchronous
 * unit of statements; the units asked for in one turn of the event loop (concurrent logins writing
 * their users and refresh tokens) run in one IMMEDIATE transaction, each in its own savepoint, and
 * share its one COMMIT. That COMMIT runs at synchronous=NORMAL, so it does not wait for the disk on
 * the event loop; the WAL is fsynced off it (wal_sync.ts), and every promise settles after that
 * fsync, which the commits made meanwhile share.
 *
 * A unit that throws rolls back its own savepoint and its caller gets the error; the others commit.
 * When the transaction itself fails (another process holds the write lock past the busy timeout, a
 * full disk), every unit of the batch fails with that error, as each would have alone.
 */
export class GroupCommit {
  private queue: Pending[] = [];

  /** Transactions committed, for the benchmark's writes per login. */
  commits = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly wal: Pick<WalSync, 'sync'>,
  ) {}

  /** Runs `work` in the next group's transaction; resolves with its result once that is committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject }) === 1;
      if (first) setImmediate(() => this.commit());
    });
  }

  /**
   * Commits what is queued now (the store calls it before closing the file). A failed fsync fails
   * every unit of the batch: its writes are in the file, but nobody may be told they are on disk.
   */
  commit(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.inOneTransaction(batch);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.wal.sync().then(
      () =>
        batch.forEach((pending, index) => {
          const outcome = outcomes[index]!;
          if (outcome.ok) pending.resolve(outcome.value);
          else pending.reject(outcome.error);
        }),
      (error: unknown) => batch.forEach((pending) => pending.reject(error)),
    );
  }

  /** The connection stays at synchronous=FULL for the writes that do not come through here. */
  private inOneTransaction(batch: readonly Pending[]): Outcome[] {
    this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const outcomes = batch.map(({ work }) => this.inSavepoint(work));
        this.db.exec('COMMIT');
        this.commits += 1;
        return outcomes;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.db.exec('PRAGMA synchronous = FULL');
    }
  }

  private inSavepoint(work: () => unknown): Outcome {
    this.db.exec('SAVEPOINT unit');
    try {
      const value = work();
      this.db.exec('RELEASE unit');
      return { ok: true, value };
    } catch (error) {
      this.db.exec('ROLLBACK TO unit');
      this.db.exec('RELEASE unit');
      return { ok: false, error };
    }
  }
}
