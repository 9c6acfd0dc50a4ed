import { RateLimiterSQLite } from 'rate-limiter-flexible';
import type { RateLimiterOptions } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/** What rate-limiter-flexible reads back from a hit: points spent in the window, and when it ends (ms; null: never). */
interface Window {
  points: number;
  expire: number | null;
}

// The stock limiter's statements (its table and columns): spend points in the current window, or
// start a new one when it has ended; and put a window in place whatever was there (block, set).
export const SPEND = `INSERT INTO rate_limits (key, points, expire) VALUES (?, ?, ?)
  ON CONFLICT(key) DO UPDATE SET
    points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
    expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
  RETURNING points, expire`;
const REPLACE = 'INSERT OR REPLACE INTO rate_limits (key, points, expire) VALUES (?, ?, ?) RETURNING points, expire';

/**
 * rate-limiter-flexible's SQLite limiter with each hit a single statement. The stock limiter runs its
 * one UPSERT inside a transaction of its own (BEGIN, the statement, COMMIT), which a single
 * statement does not need: SQLite runs every statement atomically in an implicit transaction. A
 * login passes five limiters, so what a hit costs counts five times (docs/storage.md). `_upsert` and
 * `_delete` are the methods rate-limiter-flexible's stores implement (RateLimiterStoreAbstract),
 * here through the file's WriteGate; everything else (consume, block, penalty, the answers) is the
 * library's.
 */
export class SqliteRateLimiter extends RateLimiterSQLite {
  private readonly writes: WriteGate;

  constructor(
    private readonly database: SqliteDatabase,
    options: RateLimiterOptions,
  ) {
    // Its table comes from our migrations and our sweeper clears it, so the limiter runs no timers
    // of its own that could outlive close(). libsql passes its better-sqlite3 check as is.
    super({
      storeClient: database,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockSeconds ?? 0,
    });
    this.writes = writeGateOf(database);
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Window> {
    return this.writes.run(() => {
      const now = Date.now();
      const expire = msDuration > 0 ? now + msDuration : null;
      const window = forceExpire
        ? this.database.prepare(REPLACE).get(key, points, expire)
        : this.database.prepare(SPEND).get(key, points, expire, now, now);
      return window as Window;
    });
  }

  _delete(key: string): Promise<boolean> {
    return this.writes.run(() => this.database.prepare('DELETE FROM rate_limits WHERE key = ?').run(key).changes > 0);
  }
}
