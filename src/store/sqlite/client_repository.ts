import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError, type ClientRepository } from '../../domain/ports.js';
import { nextRevision } from '../../domain/record_revisions.js';
import type { Client, Page, PageRequest } from '../../domain/types.js';
import { pageWindow } from '../paging.js';
import type { SqliteDatabase } from './database.js';
import { countOf, docOf, docsOf, isUniqueViolation } from './sql_support.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/** Clients as documents; `seq` (insertion order) gives oldest-first listing. */
export class SqliteClientRepository implements ClientRepository {
  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.writes = writeGateOf(db);
  }

  async get(tenant: string, clientId: string): Promise<Client | undefined> {
    return docOf<Client>(this.db.prepare('SELECT doc FROM clients WHERE tenant = ? AND client_id = ?').get(tenant, clientId));
  }

  /** Every read here goes to the database; the cache is a wrapper around this repository. */
  async getStored(tenant: string, clientId: string): Promise<Client | undefined> {
    return this.get(tenant, clientId);
  }

  async create(client: Client): Promise<void> {
    const doc = JSON.stringify(client);
    return this.writes.write(() => {
      try {
        this.db.prepare('INSERT INTO clients (tenant, client_id, doc) VALUES (?, ?, ?)').run(client.tenant, client.clientId, doc);
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`client ${client.clientId}`) : error;
      }
    });
  }

  /**
   * Writes only over the revision `client` was read at (absent: 0, as on every client stored before
   * revisions), in one statement, so no other process's write can land between the check and the write.
   */
  async update(client: Client): Promise<Client> {
    const stored = nextRevision(client);
    const doc = JSON.stringify(stored);
    return this.writes.write(() => {
      const { changes } = this.db
        .prepare("UPDATE clients SET doc = ? WHERE tenant = ? AND client_id = ? AND coalesce(json_extract(doc, '$.revision'), 0) = ?")
        .run(doc, client.tenant, client.clientId, client.revision ?? 0);
      if (changes > 0) return stored;
      const exists = this.db.prepare('SELECT 1 FROM clients WHERE tenant = ? AND client_id = ?').get(client.tenant, client.clientId);
      throw exists ? new StaleRecordError(`client ${client.clientId}`) : new NotFoundInStoreError(`client ${client.clientId}`);
    });
  }

  async delete(tenant: string, clientId: string): Promise<boolean> {
    return this.writes.write(() => this.db.prepare('DELETE FROM clients WHERE tenant = ? AND client_id = ?').run(tenant, clientId).changes > 0);
  }

  async list(tenant: string, page: PageRequest): Promise<Page<Client>> {
    const { limit, offset } = pageWindow(page);
    const items = docsOf<Client>(
      this.db.prepare('SELECT doc FROM clients WHERE tenant = ? ORDER BY seq LIMIT ? OFFSET ?').all(tenant, limit, offset),
    );
    const total = countOf(this.db.prepare('SELECT COUNT(*) AS n FROM clients WHERE tenant = ?').get(tenant));
    return { items, total };
  }
}
