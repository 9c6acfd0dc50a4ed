import { StaleRecordError, type TenantRepository } from '../../domain/ports.js';
import { isSameRevision, nextRevision } from '../../domain/record_revisions.js';
import type { Tenant } from '../../domain/types.js';
import { createDocument, readDocument, readDocuments, updateDocument } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';
import { sealedUsageWrite } from './sealed_usage.js';

/** Tenants as JSON strings; each extra host a unique key naming its tenant; names in a sorted set. */
export class RedisTenantRepository implements TenantRepository {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(name: string): Promise<Tenant | undefined> {
    return readDocument<Tenant>(this.client, this.keys.tenant(name));
  }

  /** Every read here goes to Redis; the cache is a wrapper around this repository. */
  async getStored(name: string): Promise<Tenant | undefined> {
    return this.get(name);
  }

  async findByDomain(host: string): Promise<Tenant | undefined> {
    const name = await this.client.get(this.keys.tenantDomain(host));
    return name === null ? undefined : this.get(name);
  }

  async create(tenant: Tenant): Promise<void> {
    await createDocument(
      this.client,
      {
        key: this.keys.tenant(tenant.name),
        expect: null,
        doc: JSON.stringify(tenant),
        owner: tenant.name,
        claim: this.domainClaims(tenant),
        zadd: [{ key: this.keys.tenantList(), score: 0, member: tenant.name }],
        sealed: sealedUsageWrite(this.keys, { kind: 'tenant', record: tenant }),
      },
      `tenant ${tenant.name}`,
    );
  }

  async update(tenant: Tenant): Promise<Tenant> {
    const stored = nextRevision(tenant);
    await updateDocument<Tenant>(this.client, this.keys.tenant(tenant.name), `tenant ${tenant.name}`, (current, currentJson) => {
      // The compare-and-set makes the write atomic; the revision keeps the caller's change from
      // replacing one written since its read (a key rotation, a settings change), which a retry here would.
      if (!isSameRevision(current, tenant)) throw new StaleRecordError(`tenant ${tenant.name}`);
      return {
        key: this.keys.tenant(tenant.name),
        expect: currentJson,
        doc: JSON.stringify(stored),
        owner: tenant.name,
        release: current.domains.map((host) => this.keys.tenantDomain(host)),
        claim: this.domainClaims(tenant),
        sealed: sealedUsageWrite(this.keys, { kind: 'tenant', record: stored }),
      };
    });
    return stored;
  }

  async list(): Promise<Tenant[]> {
    const names = await this.client.zRange(this.keys.tenantList(), 0, -1);
    return readDocuments<Tenant>(this.client, names.map((name) => this.keys.tenant(name)));
  }

  private domainClaims(tenant: Tenant): Array<{ key: string; what: string }> {
    return tenant.domains.map((host) => ({ key: this.keys.tenantDomain(host), what: `domain ${host.toLowerCase()}` }));
  }
}
