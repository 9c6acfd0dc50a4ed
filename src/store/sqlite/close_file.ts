import type { SqliteDatabase } from './database.js';

/**
 * Closes one of the embedded store's files with its WAL moved into it first, so that a stopped
 * fitgate leaves each file whole on its own.
 *
 * SQLite does that itself when the last connection to a file closes, but libsql's close() keeps the
 * connection open for as long as a statement it prepared is reachable (fitgate caches them, and
 * pragma() prepares one), so at exit nothing is closed and every commit since the last automatic
 * checkpoint stays in `fitgate.db-wal`: a cold copy of `fitgate.db`, or a restore that removes the
 * WAL beside the wrong file, would lose them. TRUNCATE also empties the WAL file.
 *
 * Another process still using the file (a worker, `npm run admin`) makes the checkpoint incomplete,
 * which is fine: that process checkpoints at its own close. One that fails (a full disk) leaves the
 * commits in the WAL, where the next open reads them: nothing is lost either way, so neither stops
 * the close.
 */
export function closeFile(db: SqliteDatabase): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Left in the WAL, as above.
  }
  db.close();
}
