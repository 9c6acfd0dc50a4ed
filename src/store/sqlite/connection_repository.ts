import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError, type ConnectionRepository } from '../../domain/ports.js';
import { nextRevision } from '../../domain/record_revisions.js';
import type { Connection } from '../../domain/types.js';
import type { SqliteDatabase } from './database.js';
import { docOf, docsOf, isUniqueViolation } from './sql_support.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/** Connections as documents, unique per tenant by id and by name. */
export class SqliteConnectionRepository implements ConnectionRepository {
  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.writes = writeGateOf(db);
  }

  async get(tenant: string, id: string): Promise<Connection | undefined> {
    return docOf<Connection>(this.db.prepare('SELECT doc FROM connections WHERE tenant = ? AND id = ?').get(tenant, id));
  }

  async getByName(tenant: string, name: string): Promise<Connection | undefined> {
    return docOf<Connection>(this.db.prepare('SELECT doc FROM connections WHERE tenant = ? AND name = ?').get(tenant, name));
  }

  async create(connection: Connection): Promise<void> {
    const doc = JSON.stringify(connection);
    return this.writes.write(() => {
      try {
        this.db
          .prepare('INSERT INTO connections (tenant, id, name, doc) VALUES (?, ?, ?, ?)')
          .run(connection.tenant, connection.id, connection.name, doc);
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`connection ${connection.name} (${connection.id})`) : error;
      }
    });
  }

  /** Every read here goes to the database; the cache is a wrapper around this repository. */
  async getStored(tenant: string, id: string): Promise<Connection | undefined> {
    return this.get(tenant, id);
  }

  /**
   * Writes only over the revision `connection` was read at (absent: 0, as on every connection stored
   * before revisions), in one statement, so no other process's write can land between the check and
   * the write.
   */
  async update(connection: Connection): Promise<Connection> {
    const stored = nextRevision(connection);
    const doc = JSON.stringify(stored);
    return this.writes.write(() => {
      let changes: number;
      try {
        ({ changes } = this.db
          .prepare(
            "UPDATE connections SET name = ?, doc = ? WHERE tenant = ? AND id = ? AND coalesce(json_extract(doc, '$.revision'), 0) = ?",
          )
          .run(connection.name, doc, connection.tenant, connection.id, connection.revision ?? 0));
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`connection ${connection.name}`) : error;
      }
      if (changes > 0) return stored;
      const exists = this.db.prepare('SELECT 1 FROM connections WHERE tenant = ? AND id = ?').get(connection.tenant, connection.id);
      throw exists ? new StaleRecordError(`connection ${connection.id}`) : new NotFoundInStoreError(`connection ${connection.id}`);
    });
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    return this.writes.write(() => this.db.prepare('DELETE FROM connections WHERE tenant = ? AND id = ?').run(tenant, id).changes > 0);
  }

  async list(tenant: string): Promise<Connection[]> {
    return docsOf<Connection>(this.db.prepare('SELECT doc FROM connections WHERE tenant = ? ORDER BY seq').all(tenant));
  }
}
