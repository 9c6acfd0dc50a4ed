import { StaleRecordError, type AdminRepository } from '../../domain/ports.js';
import { isSameRevision, nextRevision } from '../../domain/record_revisions.js';
import type { AdminAccount } from '../../domain/types.js';
import { createDocument, readDocument, readDocuments, updateDocument } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';

/** Admin accounts keyed by lowercased email; a set of every email (count) and one per tenant. */
export class RedisAdminRepository implements AdminRepository {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(email: string): Promise<AdminAccount | undefined> {
    return readDocument<AdminAccount>(this.client, this.keys.admin(email));
  }

  async create(admin: AdminAccount): Promise<void> {
    const email = admin.email.toLowerCase();
    await createDocument(
      this.client,
      {
        key: this.keys.admin(email),
        expect: null,
        doc: JSON.stringify({ ...admin, email }),
        owner: email,
        sadd: [{ key: this.keys.adminList(), member: email }, ...this.tenantMemberships(email, admin.tenants)],
      },
      `admin ${email}`,
    );
  }

  async update(admin: AdminAccount): Promise<AdminAccount> {
    const email = admin.email.toLowerCase();
    const key = this.keys.admin(email);
    const stored = nextRevision({ ...admin, email });
    await updateDocument<AdminAccount>(this.client, key, `admin ${email}`, (current, currentJson) => {
      // The document's compare-and-set keeps the tenant sets true; the revision keeps the caller's
      // change from replacing one written since its read (a retry here would otherwise write it over that).
      if (!isSameRevision(current, admin)) throw new StaleRecordError(`admin ${email}`);
      return {
        key,
        expect: currentJson,
        doc: JSON.stringify(stored),
        owner: email,
        srem: this.tenantMemberships(email, current.tenants),
        sadd: this.tenantMemberships(email, stored.tenants),
      };
    });
    return stored;
  }

  async listByTenant(tenant: string): Promise<AdminAccount[]> {
    const emails = (await this.client.sMembers(this.keys.adminTenant(tenant))).sort();
    return readDocuments<AdminAccount>(this.client, emails.map((email) => this.keys.admin(email)));
  }

  async count(): Promise<number> {
    return this.client.sCard(this.keys.adminList());
  }

  private tenantMemberships(email: string, tenants: readonly string[]): Array<{ key: string; member: string }> {
    return tenants.map((tenant) => ({ key: this.keys.adminTenant(tenant), member: email }));
  }
}
