import type { EphemeralKind, EphemeralStore } from '../../domain/ports.js';
import type { SqliteDatabase } from './database.js';
import { DURABLE_EPHEMERAL_KINDS } from './short_lived_schema.js';

/**
 * Short-lived records. Every read filters on expires_at, so an expired record is gone the moment it
 * expires; the sweeper only reclaims the space. Each kind lives in the file of its durability class
 * (short_lived_schema.ts): refresh tokens, grant revocations and tickets in fitgate.db, the rest in
 * the short-lived file. Both have the same `ephemeral` table.
 */
export class SqliteEphemeralStore implements EphemeralStore {
  constructor(
    private readonly durable: SqliteDatabase,
    private readonly shortLived: SqliteDatabase,
  ) {}

  private db(kind: EphemeralKind): SqliteDatabase {
    return DURABLE_EPHEMERAL_KINDS.has(kind) ? this.durable : this.shortLived;
  }

  async put<T>(kind: EphemeralKind, key: string, value: T, ttlSeconds: number): Promise<void> {
    if (!(ttlSeconds > 0)) throw new RangeError(`ttlSeconds must be positive, got ${ttlSeconds}`);
    this.db(kind)
      .prepare('INSERT OR REPLACE INTO ephemeral (kind, key, value, expires_at) VALUES (?, ?, ?, ?)')
      .run(kind, key, JSON.stringify(value), Date.now() + Math.round(ttlSeconds * 1000));
  }

  async get<T>(kind: EphemeralKind, key: string): Promise<T | undefined> {
    const row = this.db(kind)
      .prepare('SELECT value FROM ephemeral WHERE kind = ? AND key = ? AND expires_at > ?')
      .get(kind, key, Date.now());
    return valueOf<T>(row);
  }

  /** One DELETE … RETURNING: SQLite's write lock lets exactly one caller, in any process, delete the row. */
  async consume<T>(kind: EphemeralKind, key: string): Promise<T | undefined> {
    const row = this.db(kind)
      .prepare('DELETE FROM ephemeral WHERE kind = ? AND key = ? AND expires_at > ? RETURNING value')
      .get(kind, key, Date.now());
    return valueOf<T>(row);
  }

  async delete(kind: EphemeralKind, key: string): Promise<boolean> {
    const { changes } = this.db(kind)
      .prepare('DELETE FROM ephemeral WHERE kind = ? AND key = ? AND expires_at > ?')
      .run(kind, key, Date.now());
    return changes > 0;
  }
}

function valueOf<T>(row: unknown): T | undefined {
  return row === undefined ? undefined : (JSON.parse((row as { value: string }).value) as T);
}
