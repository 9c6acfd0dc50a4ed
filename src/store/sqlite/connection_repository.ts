import { AlreadyExistsError, NotFoundInStoreError, type ConnectionRepository } from '../../domain/ports.js';
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

  async update(connection: Connection): Promise<void> {
    const doc = JSON.stringify(connection);
    return this.writes.write(() => {
      let changes: number;
      try {
        ({ changes } = this.db
          .prepare('UPDATE connections SET name = ?, doc = ? WHERE tenant = ? AND id = ?')
          .run(connection.name, doc, connection.tenant, connection.id));
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`connection ${connection.name}`) : error;
      }
      if (changes === 0) throw new NotFoundInStoreError(`connection ${connection.id}`);
    });
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    return this.writes.write(() => this.db.prepare('DELETE FROM connections WHERE tenant = ? AND id = ?').run(tenant, id).changes > 0);
  }

  async list(tenant: string): Promise<Connection[]> {
    return docsOf<Connection>(this.db.prepare('SELECT doc FROM connections WHERE tenant = ? ORDER BY seq').all(tenant));
  }
}
