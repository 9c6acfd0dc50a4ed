import type { SqliteDatabase } from './database.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for fitgate.db, whose every commit is an fsync (synchronous=FULL). A durable write is
 * a synchronous unit of statements; the units asked for in one turn of the event loop (concurrent
 * logins writing their users and refresh tokens) run in one IMMEDIATE transaction, each in its own
 * savepoint, and share its one COMMIT. Every promise settles after that COMMIT, so acknowledged
 * still means on disk.
 *
 * A unit that throws rolls back its own savepoint and its caller gets the error; the others commit.
 * The transaction goes through the file's WriteGate: when another process holds the write lock past
 * the short busy wait, the whole group waits with the event loop free and runs again from its BEGIN
 * (nothing of it was applied), and fails together, with StoreUnavailableError, once the wait is over.
 * When the transaction fails otherwise (a full disk), every unit of the batch fails with that error,
 * as each would have alone; so does a unit's failure that ended the whole transaction.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private readonly gate: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.gate = writeGateOf(db);
  }

  /** Runs `work` in the next group's transaction; resolves with its result once that is committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject }) === 1;
      if (first) setImmediate(() => this.commit());
    });
  }

  /** Commits what is queued now (the store calls it before closing the file); at once unless another process holds the lock. */
  commit(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[] | Promise<Outcome[]>;
    try {
      outcomes = this.gate.write(() => this.inOneTransaction(batch));
    } catch (error) {
      failAll(batch, error);
      return;
    }
    if (outcomes instanceof Promise) outcomes.then((later) => settle(batch, later), (error: unknown) => failAll(batch, error));
    else settle(batch, outcomes);
  }

  private inOneTransaction(batch: readonly Pending[]): Outcome[] {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const outcomes = batch.map(({ work }) => this.inSavepoint(work));
      this.db.exec('COMMIT');
      return outcomes;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private inSavepoint(work: () => unknown): Outcome {
    this.db.exec('SAVEPOINT unit');
    try {
      const value = work();
      this.db.exec('RELEASE unit');
      return { ok: true, value };
    } catch (error) {
      // SQLite ended the whole transaction (a full disk, an I/O error): the savepoint went with it,
      // and the batch fails with this error rather than "no such savepoint".
      if (!this.db.inTransaction) throw error;
      this.db.exec('ROLLBACK TO unit');
      this.db.exec('RELEASE unit');
      return { ok: false, error };
    }
  }
}

function settle(batch: readonly Pending[], outcomes: readonly Outcome[]): void {
  batch.forEach((pending, index) => {
    const outcome = outcomes[index]!;
    if (outcome.ok) pending.resolve(outcome.value);
    else pending.reject(outcome.error);
  });
}

function failAll(batch: readonly Pending[], error: unknown): void {
  for (const pending of batch) pending.reject(error);
}
