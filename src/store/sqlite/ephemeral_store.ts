import type { EphemeralKind, EphemeralStore, LeftBehind } from '../../domain/ports.js';
import { ephemeralTtlMs } from '../ephemeral_ttl.js';
import type { SqliteDatabase } from './database.js';
import type { GroupCommit } from './group_commit.js';
import { DURABLE_EPHEMERAL_KINDS } from './short_lived_schema.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/**
 * Short-lived records. Every read filters on expires_at, so an expired record is gone the moment it
 * expires; the sweeper only reclaims the space. Each kind lives in the file of its durability class
 * (short_lived_schema.ts): refresh tokens, grant revocations and tickets in fitgate.db, the rest in
 * the short-lived file. Both have the same `ephemeral` table. Writes of the durable kinds go
 * through fitgate.db's group commit, so concurrent ones share an fsync; those of the short-lived
 * kinds through that file's WriteGate.
 */
export class SqliteEphemeralStore implements EphemeralStore {
  private readonly shortLivedWrites: WriteGate;

  constructor(
    private readonly durable: SqliteDatabase,
    private readonly shortLived: SqliteDatabase,
    private readonly durableWrites: GroupCommit,
  ) {
    this.shortLivedWrites = writeGateOf(shortLived);
  }

  private db(kind: EphemeralKind): SqliteDatabase {
    return DURABLE_EPHEMERAL_KINDS.has(kind) ? this.durable : this.shortLived;
  }

  /**
   * One atomic write on the kind's file: a unit of fitgate.db's group commit, or on the short-lived
   * file a statement (which commits by itself) or, when `together`, a transaction of its own.
   */
  private async write<T>(kind: EphemeralKind, work: (db: SqliteDatabase) => T, together = false): Promise<T> {
    if (DURABLE_EPHEMERAL_KINDS.has(kind)) return this.durableWrites.run(() => work(this.durable));
    const { shortLived } = this;
    return this.shortLivedWrites.write(together ? () => shortLived.transaction(() => work(shortLived)).immediate() : () => work(shortLived));
  }

  async put<T>(kind: EphemeralKind, key: string, value: T, ttlSeconds: number): Promise<void> {
    const json = JSON.stringify(value);
    const expiresAt = Date.now() + ephemeralTtlMs(ttlSeconds);
    await this.write(kind, (db) =>
      db.prepare('INSERT OR REPLACE INTO ephemeral (kind, key, value, expires_at) VALUES (?, ?, ?, ?)').run(kind, key, json, expiresAt),
    );
  }

  async get<T>(kind: EphemeralKind, key: string): Promise<T | undefined> {
    const row = this.db(kind)
      .prepare('SELECT value FROM ephemeral WHERE kind = ? AND key = ? AND expires_at > ?')
      .get(kind, key, Date.now());
    return valueOf<T>(row);
  }

  /**
   * One DELETE … RETURNING: SQLite's write lock lets exactly one caller, in any process, delete the
   * row. What is left behind goes in with it, in the same commit.
   */
  async consume<T>(kind: EphemeralKind, key: string, leave?: LeftBehind): Promise<T | undefined> {
    const now = Date.now();
    const leftKind = leave?.kind ?? kind;
    // One commit holds both only within one file.
    if (DURABLE_EPHEMERAL_KINDS.has(leftKind) !== DURABLE_EPHEMERAL_KINDS.has(kind)) {
      throw new Error(`A consume of ${kind} cannot leave a ${leftKind} record: they are kept in different files.`);
    }
    const left = leave && { key: leave.key, json: JSON.stringify(leave.value), expiresAt: now + ephemeralTtlMs(leave.ttlSeconds) };
    const take = (db: SqliteDatabase): unknown => {
      const row = db.prepare('DELETE FROM ephemeral WHERE kind = ? AND key = ? AND expires_at > ? RETURNING value').get(kind, key, now);
      if (row !== undefined && left) {
        db.prepare('INSERT OR REPLACE INTO ephemeral (kind, key, value, expires_at) VALUES (?, ?, ?, ?)').run(leftKind, left.key, left.json, left.expiresAt);
      }
      return row;
    };
    return valueOf<T>(await this.write(kind, take, left !== undefined));
  }

  async delete(kind: EphemeralKind, key: string): Promise<boolean> {
    const { changes } = await this.write(kind, (db) =>
      db.prepare('DELETE FROM ephemeral WHERE kind = ? AND key = ? AND expires_at > ?').run(kind, key, Date.now()),
    );
    return changes > 0;
  }
}

function valueOf<T>(row: unknown): T | undefined {
  return row === undefined ? undefined : (JSON.parse((row as { value: string }).value) as T);
}
