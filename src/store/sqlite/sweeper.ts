import type { SqliteDatabase } from './database.js';

/** How often expired rows are deleted. Reads never see them anyway; this only reclaims space. */
export const SWEEP_INTERVAL_MS = 60_000;

/** The two files of the embedded store (short_lived_schema.ts). */
export interface SweptDatabases {
  durable: SqliteDatabase;
  shortLived: SqliteDatabase;
}

/** Deletes every expired short-lived row, in either file (each table has an index on its expiry column). */
export function sweepExpired({ durable, shortLived }: SweptDatabases, now = Date.now()): void {
  durable.prepare('DELETE FROM ephemeral WHERE expires_at <= ?').run(now);
  shortLived
    .transaction(() => {
      shortLived.prepare('DELETE FROM ephemeral WHERE expires_at <= ?').run(now);
      shortLived.prepare('DELETE FROM locks WHERE expires_at <= ?').run(now);
      shortLived.prepare('DELETE FROM counters WHERE reset_at <= ?').run(now);
      shortLived.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
      shortLived.prepare('DELETE FROM rate_limits WHERE expire <= ?').run(now);
    })
    .immediate();
}

/**
 * Sweeps on an unref'd timer (it never keeps the process alive); the returned function stops it.
 * A failed sweep (say, the disk is full) is reported and retried at the next tick.
 */
export function startSweeper(db: SweptDatabases, onError: (error: unknown) => void, intervalMs = SWEEP_INTERVAL_MS): () => void {
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
