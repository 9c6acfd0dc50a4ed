import { BUSY_TIMEOUT_MS, type SqliteDatabase } from './database.js';
import { lockConflictOf } from './lock_conflicts.js';

/**
 * Runs `step` with SQLite's busy wait off, so a statement that meets another process's lock fails
 * at once instead of blocking the event loop; the connection's short wait is back afterwards.
 * Synchronous, so no other statement of this process runs in between.
 */
export function withoutBusyWait<T>(db: SqliteDatabase, step: () => T): T {
  db.pragma('busy_timeout = 0');
  try {
    return step();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Whether the write lock of the file is free right now: takes it (BEGIN IMMEDIATE) and lets it go
 * (ROLLBACK), with no busy wait. A read (SELECT 1) cannot tell: in WAL mode a write lock never
 * blocks readers. Must be called outside a transaction, which every caller is: this store's
 * transactions run from start to end in one synchronous call.
 */
export function writeLockIsFree(db: SqliteDatabase): boolean {
  return withoutBusyWait(db, () => writeLockConflict(db) === undefined);
}

/**
 * The lock error of taking the write lock (BEGIN IMMEDIATE) with the connection's current busy
 * wait, or undefined when it was had (and let go at once). A BEGIN run by exec() leaves nothing
 * behind when it fails, where a statement that meets the lock must be ended (stuck_statements.ts),
 * at several times the cost: the write gate asks this first where the lock is likely still held.
 */
export function writeLockConflict(db: SqliteDatabase): Error | undefined {
  if (db.inTransaction) return undefined;
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    const conflict = lockConflictOf(error);
    if (conflict !== undefined) return conflict;
    throw error;
  }
  db.exec('ROLLBACK');
  return undefined;
}
