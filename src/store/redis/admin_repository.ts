import { LastAdminError, NotFoundInStoreError, StaleRecordError, type AdminRepository, type AdminWriteOptions } from '../../domain/ports.js';
import { isSameRevision, nextRevision } from '../../domain/record_revisions.js';
import type { AdminAccount } from '../../domain/types.js';
import { createDocument, deleteDocument, LastMemberError, readDocument, readDocuments, updateDocument, type DocumentWrite } from './document_writer.js';
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

  async update(admin: AdminAccount, options: AdminWriteOptions = {}): Promise<AdminAccount> {
    const email = admin.email.toLowerCase();
    const key = this.keys.admin(email);
    const stored = nextRevision({ ...admin, email });
    await this.refusedAsLastAdmin(email, () =>
      updateDocument<AdminAccount>(this.client, key, `admin ${email}`, (current, currentJson) => {
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
          ...this.keepLastAdmin(options, current.tenants, stored.tenants),
        };
      }),
    );
    return stored;
  }

  async delete(admin: AdminAccount, options: AdminWriteOptions = {}): Promise<void> {
    const email = admin.email.toLowerCase();
    const key = this.keys.admin(email);
    const deleted = await this.refusedAsLastAdmin(email, () =>
      deleteDocument<AdminAccount>(this.client, key, (current, currentJson) => {
        if (!isSameRevision(current, admin)) throw new StaleRecordError(`admin ${email}`);
        return {
          key,
          expect: currentJson,
          doc: null,
          owner: email,
          srem: [{ key: this.keys.adminList(), member: email }, ...this.tenantMemberships(email, current.tenants)],
          ...this.keepLastAdmin(options, current.tenants, []),
        };
      }),
    );
    if (!deleted) throw new NotFoundInStoreError(`admin ${email}`);
  }

  async listByTenant(tenant: string): Promise<AdminAccount[]> {
    const emails = (await this.client.sMembers(this.keys.adminTenant(tenant))).sort();
    return readDocuments<AdminAccount>(this.client, emails.map((email) => this.keys.admin(email)));
  }

  async count(): Promise<number> {
    return this.client.sCard(this.keys.adminList());
  }

  /** The tenants the write takes off the account, each to keep another admin, when asked. */
  private keepLastAdmin(options: AdminWriteOptions, before: readonly string[], after: readonly string[]): Pick<DocumentWrite, 'keepOthers'> {
    if (!options.keepLastAdmin) return {};
    const removed = before.filter((tenant) => !after.includes(tenant));
    return { keepOthers: removed.map((tenant) => ({ key: this.keys.adminTenant(tenant), what: tenant })) };
  }

  private async refusedAsLastAdmin<T>(email: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw error instanceof LastMemberError ? new LastAdminError(email, error.what) : error;
    }
  }

  private tenantMemberships(email: string, tenants: readonly string[]): Array<{ key: string; member: string }> {
    return tenants.map((tenant) => ({ key: this.keys.adminTenant(tenant), member: email }));
  }
}
