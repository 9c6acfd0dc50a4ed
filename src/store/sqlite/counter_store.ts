import type { CounterStore } from '../../domain/ports.js';
import type { SqliteDatabase } from './database.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/** Fixed-window counters: the first hit opens a window; a hit after it ends opens the next one at 1. */
export class SqliteCounterStore implements CounterStore {
  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.writes = writeGateOf(db);
  }

  async hit(key: string, windowSeconds: number): Promise<{ count: number; resetAt: number }> {
    if (!(windowSeconds > 0)) throw new RangeError(`windowSeconds must be positive, got ${windowSeconds}`);
    return this.writes.write(() => {
      const now = Date.now();
      const row = this.db
        .prepare(
          `INSERT INTO counters (key, count, reset_at) VALUES (?, 1, ?)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN reset_at <= ? THEN 1 ELSE count + 1 END,
             reset_at = CASE WHEN reset_at <= ? THEN excluded.reset_at ELSE reset_at END
           RETURNING count, reset_at`,
        )
        .get(key, now + Math.round(windowSeconds * 1000), now, now) as { count: number; reset_at: number };
      return { count: row.count, resetAt: row.reset_at };
    });
  }

  async reset(key: string): Promise<void> {
    return this.writes.write(() => {
      this.db.prepare('DELETE FROM counters WHERE key = ?').run(key);
    });
  }
}
