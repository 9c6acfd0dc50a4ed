import type { ReplaceOutcome, SealedRecordPage, SealedRecordStore, StoredSealedRecord } from '../../domain/sealed_record_store.js';
import type { KeyUsage, SealedRecord, SealedRecordKind } from '../../domain/sealed_values.js';
import type { Connection, Tenant, User } from '../../domain/types.js';
import type { SqliteDatabase } from './database.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

interface Table {
  /** SELECT of (cursor, doc) after a cursor, in cursor order. */
  page: string;
  /** The WHERE clause naming one record, and its parameters. */
  where: string;
  params(sealed: SealedRecord): unknown[];
}

/**
 * Master key bookkeeping on the embedded store. The counts are kept by triggers on the record
 * tables (sealed_key_counts_schema.ts), so keyUsage() reads a table of a few rows; the walk pages by
 * a stable cursor (the row's sequence, or the tenant's name) and replaces a document only when it
 * is still the text that was read.
 */
export class SqliteSealedRecordStore implements SealedRecordStore {
  private readonly tables: Record<SealedRecordKind, Table> = {
    tenant: {
      page: 'SELECT name AS cursor, doc FROM tenants WHERE name > ? ORDER BY name LIMIT ?',
      where: 'name = ?',
      params: (sealed) => [(sealed.record as Tenant).name],
    },
    connection: {
      page: 'SELECT seq AS cursor, doc FROM connections WHERE seq > ? ORDER BY seq LIMIT ?',
      where: 'tenant = ? AND id = ?',
      params: (sealed) => [(sealed.record as Connection).tenant, (sealed.record as Connection).id],
    },
    user: {
      page: 'SELECT seq AS cursor, doc FROM users WHERE seq > ? ORDER BY seq LIMIT ?',
      where: 'tenant = ? AND user_id = ?',
      params: (sealed) => [(sealed.record as User).tenant, (sealed.record as User).userId],
    },
  };

  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.writes = writeGateOf(db);
  }

  async keyUsage(): Promise<KeyUsage> {
    const rows = this.db.prepare('SELECT key_id, count FROM sealed_key_counts WHERE count > 0').all() as Array<{ key_id: string; count: number }>;
    return Object.fromEntries(rows.map((row) => [row.key_id, row.count]));
  }

  async countUncounted(): Promise<number> {
    return 0; // the schema migration counted every row that existed before the triggers
  }

  async page(kind: SealedRecordKind, cursor: string | undefined, limit: number): Promise<SealedRecordPage> {
    const start = cursor ?? (kind === 'tenant' ? '' : '0');
    const after = kind === 'tenant' ? start : Number(start);
    const rows = this.db.prepare(this.tables[kind].page).all(after, limit) as Array<{ cursor: string | number; doc: string }>;
    const last = rows[rows.length - 1];
    return {
      records: rows.map((row) => stored(kind, row.doc)),
      next: rows.length < limit || last === undefined ? undefined : String(last.cursor),
    };
  }

  async reread(sealed: SealedRecord): Promise<StoredSealedRecord | undefined> {
    const table = this.tables[sealed.kind];
    const row = this.db.prepare(`SELECT doc FROM ${tableName(sealed.kind)} WHERE ${table.where}`).get(...table.params(sealed)) as
      | { doc: string }
      | undefined;
    return row === undefined ? undefined : stored(sealed.kind, row.doc);
  }

  async replaceSealed(current: StoredSealedRecord, next: SealedRecord): Promise<ReplaceOutcome> {
    const table = this.tables[next.kind];
    const name = tableName(next.kind);
    const replace = this.db.transaction((): ReplaceOutcome => {
      const sql = `UPDATE ${name} SET doc = ? WHERE ${table.where} AND doc = ?`;
      const { changes } = this.db.prepare(sql).run(JSON.stringify(next.record), ...table.params(next), current.version);
      if (changes > 0) return 'replaced';
      const exists = this.db.prepare(`SELECT 1 AS n FROM ${name} WHERE ${table.where}`).get(...table.params(next));
      return exists === undefined ? 'missing' : 'changed';
    });
    return this.writes.write(() => replace.immediate());
  }
}

function tableName(kind: SealedRecordKind): 'tenants' | 'connections' | 'users' {
  return `${kind}s` as const;
}

function stored(kind: SealedRecordKind, doc: string): StoredSealedRecord {
  return { sealed: { kind, record: JSON.parse(doc) as Tenant & Connection & User } as SealedRecord, version: doc };
}
