import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError, type TenantRepository } from '../../domain/ports.js';
import { nextRevision } from '../../domain/record_revisions.js';
import type { Tenant } from '../../domain/types.js';
import type { SqliteDatabase } from './database.js';
import { docOf, docsOf, isUniqueViolation } from './sql_support.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/** Tenants as documents; their extra hosts in tenant_domains, so Host lookup is one index probe. */
export class SqliteTenantRepository implements TenantRepository {
  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.writes = writeGateOf(db);
  }

  async get(name: string): Promise<Tenant | undefined> {
    return docOf<Tenant>(this.db.prepare('SELECT doc FROM tenants WHERE name = ?').get(name));
  }

  /** Every read here goes to the database; the cache is a wrapper around this repository. */
  async getStored(name: string): Promise<Tenant | undefined> {
    return this.get(name);
  }

  async findByDomain(host: string): Promise<Tenant | undefined> {
    const sql = 'SELECT t.doc FROM tenant_domains d JOIN tenants t ON t.name = d.tenant WHERE d.host = ?';
    return docOf<Tenant>(this.db.prepare(sql).get(host.toLowerCase()));
  }

  async create(tenant: Tenant): Promise<void> {
    const insert = this.db.transaction(() => {
      try {
        this.db.prepare('INSERT INTO tenants (name, doc) VALUES (?, ?)').run(tenant.name, JSON.stringify(tenant));
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`tenant ${tenant.name}`) : error;
      }
      this.insertDomains(tenant);
    });
    return this.writes.write(() => insert.immediate());
  }

  /**
   * Writes only over the revision `tenant` was read at (absent: 0, as on every tenant stored before
   * revisions), in one transaction, so no other process's write can land between the check and the write.
   */
  async update(tenant: Tenant): Promise<Tenant> {
    const stored = nextRevision(tenant);
    const replace = this.db.transaction(() => {
      const { changes } = this.db
        .prepare("UPDATE tenants SET doc = ? WHERE name = ? AND coalesce(json_extract(doc, '$.revision'), 0) = ?")
        .run(JSON.stringify(stored), tenant.name, tenant.revision ?? 0);
      if (changes === 0) {
        const exists = this.db.prepare('SELECT 1 FROM tenants WHERE name = ?').get(tenant.name);
        throw exists ? new StaleRecordError(`tenant ${tenant.name}`) : new NotFoundInStoreError(`tenant ${tenant.name}`);
      }
      this.db.prepare('DELETE FROM tenant_domains WHERE tenant = ?').run(tenant.name);
      this.insertDomains(tenant);
    });
    await this.writes.write(() => replace.immediate());
    return stored;
  }

  async list(): Promise<Tenant[]> {
    return docsOf<Tenant>(this.db.prepare('SELECT doc FROM tenants ORDER BY name').all());
  }

  private insertDomains(tenant: Tenant): void {
    const insert = this.db.prepare('INSERT INTO tenant_domains (host, tenant) VALUES (?, ?)');
    for (const host of new Set(tenant.domains.map((domain) => domain.toLowerCase()))) {
      try {
        insert.run(host, tenant.name);
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`domain ${host}`) : error;
      }
    }
  }
}
