import { randomBytes } from 'node:crypto';
import type { LockStore } from '../../domain/ports.js';
import type { SqliteDatabase } from './database.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/** Locks as rows with an owner token and an expiry; an expired lock is free for the next taker. */
export class SqliteLockStore implements LockStore {
  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.writes = writeGateOf(db);
  }

  async tryAcquire(name: string, ttlMs: number): Promise<string | undefined> {
    if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
    const token = randomBytes(16).toString('base64url');
    return this.writes.write(() => {
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
    });
  }

  async release(name: string, token: string): Promise<boolean> {
    return this.writes.write(
      () => this.db.prepare('DELETE FROM locks WHERE name = ? AND token = ? AND expires_at > ?').run(name, token, Date.now()).changes > 0,
    );
  }
}
