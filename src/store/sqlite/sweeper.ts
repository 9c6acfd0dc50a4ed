import type { SqliteDatabase } from './database.js';
import { writeGateOf } from './write_gate.js';

/** How often expired rows are deleted. Reads never see them anyway; this only reclaims space. */
export const SWEEP_INTERVAL_MS = 60_000;

/** The two files of the embedded store (short_lived_schema.ts). */
export interface SweptDatabases {
  durable: SqliteDatabase;
  shortLived: SqliteDatabase;
}

/**
 * Deletes every expired short-lived row, in either file (each table has an index on its expiry
 * column). Each file's deletes go through its WriteGate: done at once when the file is free, waited
 * for with the event loop free when another process holds its lock.
 */
export async function sweepExpired({ durable, shortLived }: SweptDatabases, now = Date.now()): Promise<void> {
  const sweepShortLived = shortLived.transaction(() => {
    shortLived.prepare('DELETE FROM ephemeral WHERE expires_at <= ?').run(now);
    shortLived.prepare('DELETE FROM locks WHERE expires_at <= ?').run(now);
    shortLived.prepare('DELETE FROM counters WHERE reset_at <= ?').run(now);
    shortLived.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    shortLived.prepare('DELETE FROM rate_limits WHERE expire <= ?').run(now);
  });
  // Each file on its own: one held by another process does not keep the other unswept.
  await Promise.all([
    writeGateOf(durable).run(() => durable.prepare('DELETE FROM ephemeral WHERE expires_at <= ?').run(now)),
    writeGateOf(shortLived).run(() => sweepShortLived.immediate()),
  ]);
}

/**
 * Sweeps on an unref'd timer (it never keeps the process alive); the returned function stops it.
 * A failed sweep (say, the disk is full, or a file stayed locked) is reported and retried at the
 * next tick.
 */
export function startSweeper(db: SweptDatabases, onError: (error: unknown) => void, intervalMs = SWEEP_INTERVAL_MS): () => void {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= sweepExpired(db)
      .catch(onError)
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
