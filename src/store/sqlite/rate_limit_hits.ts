import type { AddRateLimitHits, CountedWindow, RateLimitHits } from '../rate_limit_batches.js';
import type { SqliteDatabase } from './database.js';
import { SPEND } from './rate_limiter.js';
import { writeGateOf } from './write_gate.js';

/**
 * A batch of rate-limit hits on the short-lived file: one transaction (IMMEDIATE, so a worker that
 * writes at the same time waits its turn instead of failing), one UPSERT per key on
 * rate-limiter-flexible's table, each answering the key's window as it now stands; through the
 * file's WriteGate, so a lock held elsewhere is waited for with the event loop free.
 */
export function sqliteRateLimitHits(db: SqliteDatabase): AddRateLimitHits {
  const addAll = db.transaction((hits: readonly RateLimitHits[], now: number): CountedWindow[] =>
    hits.map(({ key, points, durationMs }) => {
      const row = db.prepare(SPEND).get(key, points, now + durationMs, now, now) as { points: number; expire: number | null };
      return { points: row.points, expiresAt: row.expire ?? Number.MAX_SAFE_INTEGER };
    }),
  );
  const gate = writeGateOf(db);
  return (hits) => gate.run(() => addAll.immediate(hits, Date.now()));
}
