import type Database from 'libsql';
import type { SqliteDatabase } from './database.js';
import { causeChain } from '../store_unavailable.js';
import { OWN_STATEMENT_IN_PROGRESS } from './lock_conflicts.js';

/** How one statement was last run when it failed: the method (libsql's own, unwrapped) and its arguments. */
interface StuckRun {
  readonly call: (...args: unknown[]) => unknown;
  readonly args: readonly unknown[];
}

const stuckOf = new WeakMap<SqliteDatabase, Map<Database.Statement, StuckRun>>();

/**
 * libsql (0.5) resets a statement before each run but not after one fails, and offers no reset():
 * a write statement that met another process's lock (SQLITE_BUSY) stays "in progress" on its
 * connection until it runs again. Meanwhile every COMMIT on that connection fails with SQLITE_BUSY
 * "cannot commit transaction - SQL statements in progress", and since statements are cached
 * (database.ts) and requests fail before reaching the one left behind (at a rate limit, whose batch
 * is a transaction), it might never run again: the file would refuse every transaction until a
 * restart. The statement's error path notes it here (locks_as_unavailable.ts); the write gate
 * releases what is noted once the lock can be had (write_gate.ts).
 */
export function noteStuckStatement(db: SqliteDatabase, statement: Database.Statement, call: (...args: unknown[]) => unknown, args: readonly unknown[]): void {
  let stuck = stuckOf.get(db);
  if (stuck === undefined) {
    stuck = new Map();
    stuckOf.set(db, stuck);
  }
  stuck.set(statement, { call, args });
}

/**
 * Ends every noted statement of the connection: runs each once more, as it was last run, inside a
 * transaction that is then rolled back, so each runs to its end (which is what ends a statement)
 * and nothing it did is kept. Answers whether there was anything to release. Takes the write lock
 * with the connection's current busy wait, and throws the lock error (leaving them noted) when
 * another process holds it.
 */
export function releaseStuckStatements(db: SqliteDatabase): boolean {
  const stuck = stuckOf.get(db);
  if (stuck === undefined || stuck.size === 0 || db.inTransaction) return false;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const [statement, { call, args }] of stuck) {
      try {
        call.apply(statement, args as unknown[]);
      } catch {
        // A run that fails ends the statement too (SQLite halts it); the lock is ours, so it cannot be stuck again.
      }
    }
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
  stuck.clear();
  return true;
}

/** Whether `error` is SQLite refusing a COMMIT because a statement of the same connection is still in progress. */
export function isStatementsInProgress(error: unknown): boolean {
  for (const current of causeChain(error)) {
    const { code } = current as { code?: unknown };
    if (code === 'SQLITE_BUSY' && current.message.includes(OWN_STATEMENT_IN_PROGRESS)) return true;
  }
  return false;
}
