import type Database from 'libsql';
import type { SqliteDatabase } from './database.js';
import { causeChain } from '../store_unavailable.js';
import { OWN_STATEMENT_IN_PROGRESS } from './lock_conflicts.js';
import { withoutBusyWait } from './lock_probe.js';

/**
 * Ends a statement that has just failed on another connection's lock, before anything else runs on
 * its connection. SQLite leaves such a statement mid-run (SQLITE_BUSY is "try again"), and libsql
 * (0.5) resets a statement only at the start of run() and all(), never after a failure, and offers
 * no reset(). A write statement left mid-run keeps its connection's implicit transaction open, so
 * every later write of the connection outside a transaction succeeds without being committed (other
 * processes do not see it, and the file's write lock stays held), and is rolled back with that
 * transaction when the failed statement is ended at last: its reset ends it with its SQLITE_BUSY,
 * which takes back the whole transaction. An acknowledged write lost: after a take of one login's
 * transaction was refused for the lock, the next /authorize stored its own, answered 302, and lost
 * it once the lock was had again (where these statements used to be ended, in a transaction rolled
 * back). Ended here, at once, its end takes back its own run only, which changed nothing.
 *
 * It runs once more with query_only on: libsql resets it first, which ends the failed run, and
 * SQLite refuses the new run at its first write, before asking for any lock (SQLITE_READONLY), so
 * nothing is applied even if the lock was let go meanwhile (the write gate runs the write again
 * itself); a read runs to its end, without a busy wait. `all` is libsql's own all(), unwrapped.
 */
export function endFailedStatement(db: SqliteDatabase, statement: Database.Statement, all: (...args: unknown[]) => unknown, args: readonly unknown[]): void {
  withoutBusyWait(db, () => {
    db.pragma('query_only = ON');
    try {
      all.apply(statement, args as unknown[]);
    } catch {
      // Refused, as intended: a refused run has ended too.
    } finally {
      db.pragma('query_only = OFF');
    }
  });
}

/** Whether `error` is SQLite refusing a COMMIT because a statement of the same connection is still in progress. */
export function isStatementsInProgress(error: unknown): boolean {
  for (const current of causeChain(error)) {
    const { code } = current as { code?: unknown };
    if (code === 'SQLITE_BUSY' && current.message.includes(OWN_STATEMENT_IN_PROGRESS)) return true;
  }
  return false;
}
