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
  if (db.inTransaction) return true;
  return withoutBusyWait(db, () => {
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (lockConflictOf(error) !== undefined) return false;
      throw error;
    }
    db.exec('ROLLBACK');
    return true;
  });
}
