import { randomBytes } from 'node:crypto';
import type { LockStore } from '../../domain/ports.js';
import type { SqliteDatabase } from './database.js';

/** Locks as rows with an owner token and an expiry; an expired lock is free for the next taker. */
export class SqliteLockStore implements LockStore {
  constructor(private readonly db: SqliteDatabase) {}

  async tryAcquire(name: string, ttlMs: number): Promise<string | undefined> {
    if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
    const token = randomBytes(16).toString('base64url');
    const now = Date.now();
    // Inserts, or takes over a lock whose holder let it expire; a live lock makes the WHERE false and nothing returns.
    const row = this.db
      .prepare(
        `INSERT INTO locks (name, token, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
         WHERE locks.expires_at <= ?
         RETURNING token`,
      )
      .get(name, token, now + Math.ceil(ttlMs), now);
    return row === undefined ? undefined : token;
  }

  async release(name: string, token: string): Promise<boolean> {
    const { changes } = this.db
      .prepare('DELETE FROM locks WHERE name = ? AND token = ? AND expires_at > ?')
      .run(name, token, Date.now());
    return changes > 0;
  }
}
