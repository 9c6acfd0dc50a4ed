import type { SqliteDatabase } from './database.js';

/** How often expired rows are deleted. Reads never see them anyway; this only reclaims space. */
export const SWEEP_INTERVAL_MS = 60_000;

/** Deletes every expired short-lived row (each table has an index on its expiry column). */
export function sweepExpired(db: SqliteDatabase, now = Date.now()): void {
  db.transaction(() => {
    db.prepare('DELETE FROM ephemeral WHERE expires_at <= ?').run(now);
    db.prepare('DELETE FROM locks WHERE expires_at <= ?').run(now);
    db.prepare('DELETE FROM counters WHERE reset_at <= ?').run(now);
    db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    db.prepare('DELETE FROM rate_limits WHERE expire <= ?').run(now);
  }).immediate();
}

/**
 * Sweeps on an unref'd timer (it never keeps the process alive); the returned function stops it.
 * A failed sweep (say, the disk is full) is reported and retried at the next tick.
 */
export function startSweeper(db: SqliteDatabase, onError: (error: unknown) => void, intervalMs = SWEEP_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    try {
      sweepExpired(db);
    } catch (error) {
      onError(error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
