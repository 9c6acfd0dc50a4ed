import { AlreadyExistsError, LastAdminError, NotFoundInStoreError, StaleRecordError, type AdminRepository, type AdminWriteOptions } from '../../domain/ports.js';
import { isSameRevision, nextRevision } from '../../domain/record_revisions.js';
import type { AdminAccount } from '../../domain/types.js';
import type { SqliteDatabase } from './database.js';
import { countOf, docOf, docsOf, isUniqueViolation } from './sql_support.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/** Admin accounts keyed by lowercased email, with a tenant → admins index. */
export class SqliteAdminRepository implements AdminRepository {
  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    this.writes = writeGateOf(db);
  }

  async get(email: string): Promise<AdminAccount | undefined> {
    return docOf<AdminAccount>(this.db.prepare('SELECT doc FROM admins WHERE email = ?').get(email.toLowerCase()));
  }

  async create(admin: AdminAccount): Promise<void> {
    const email = admin.email.toLowerCase();
    const insert = this.db.transaction(() => {
      try {
        this.db.prepare('INSERT INTO admins (email, doc) VALUES (?, ?)').run(email, JSON.stringify({ ...admin, email }));
      } catch (error) {
        throw isUniqueViolation(error) ? new AlreadyExistsError(`admin ${email}`) : error;
      }
      this.insertTenants(email, admin.tenants);
    });
    return this.writes.write(() => insert.immediate());
  }

  async update(admin: AdminAccount, options: AdminWriteOptions = {}): Promise<AdminAccount> {
    const email = admin.email.toLowerCase();
    const replace = this.db.transaction(() => {
      const before = this.readForWrite(email, admin);
      const stored = nextRevision({ ...admin, email });
      if (options.keepLastAdmin) this.refuseLeavingWithoutAdmin(email, before.tenants, stored.tenants);
      this.db.prepare('UPDATE admins SET doc = ? WHERE email = ?').run(JSON.stringify(stored), email);
      this.db.prepare('DELETE FROM admin_tenants WHERE email = ?').run(email);
      this.insertTenants(email, stored.tenants);
      return stored;
    });
    return this.writes.write(() => replace.immediate());
  }

  async delete(admin: AdminAccount, options: AdminWriteOptions = {}): Promise<void> {
    const email = admin.email.toLowerCase();
    const remove = this.db.transaction(() => {
      const before = this.readForWrite(email, admin);
      if (options.keepLastAdmin) this.refuseLeavingWithoutAdmin(email, before.tenants, []);
      this.db.prepare('DELETE FROM admin_tenants WHERE email = ?').run(email);
      this.db.prepare('DELETE FROM admins WHERE email = ?').run(email);
    });
    return this.writes.write(() => remove.immediate());
  }

  async listByTenant(tenant: string): Promise<AdminAccount[]> {
    const sql = `SELECT a.doc FROM admin_tenants t JOIN admins a ON a.email = t.email WHERE t.tenant = ? ORDER BY a.email`;
    return docsOf<AdminAccount>(this.db.prepare(sql).all(tenant));
  }

  async count(): Promise<number> {
    return countOf(this.db.prepare('SELECT COUNT(*) AS n FROM admins').get());
  }

  /**
   * The stored admin, read inside the write transaction: no other process can write the admin, or
   * another admin of its tenants, between the checks and the write.
   */
  private readForWrite(email: string, admin: AdminAccount): AdminAccount {
    const before = docOf<AdminAccount>(this.db.prepare('SELECT doc FROM admins WHERE email = ?').get(email));
    if (!before) throw new NotFoundInStoreError(`admin ${email}`);
    if (!isSameRevision(before, admin)) throw new StaleRecordError(`admin ${email}`);
    return before;
  }

  private refuseLeavingWithoutAdmin(email: string, before: readonly string[], after: readonly string[]): void {
    const others = this.db.prepare('SELECT COUNT(*) AS n FROM admin_tenants WHERE tenant = ? AND email <> ?');
    const alone = before.filter((tenant) => !after.includes(tenant) && countOf(others.get(tenant, email)) === 0);
    if (alone.length > 0) throw new LastAdminError(email, alone);
  }

  private insertTenants(email: string, tenants: readonly string[]): void {
    const insert = this.db.prepare('INSERT INTO admin_tenants (tenant, email) VALUES (?, ?)');
    for (const tenant of new Set(tenants)) insert.run(tenant, email);
  }
}
