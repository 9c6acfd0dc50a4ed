import { StaleRecordError, type ClientRepository } from '../../domain/ports.js';
import { isSameRevision, nextRevision } from '../../domain/record_revisions.js';
import type { Client, Page, PageRequest } from '../../domain/types.js';
import { pageWindow } from '../paging.js';
import { createDocument, deleteDocument, readDocument, readDocuments, updateDocument } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';

/** Clients as JSON strings, listed oldest first through a sorted set scored by creation time. */
export class RedisClientRepository implements ClientRepository {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(tenant: string, clientId: string): Promise<Client | undefined> {
    return readDocument<Client>(this.client, this.keys.client(tenant, clientId));
  }

  /** Every read here goes to Redis; the cache is a wrapper around this repository. */
  async getStored(tenant: string, clientId: string): Promise<Client | undefined> {
    return this.get(tenant, clientId);
  }

  async create(client: Client): Promise<void> {
    await createDocument(
      this.client,
      {
        key: this.keys.client(client.tenant, client.clientId),
        expect: null,
        doc: JSON.stringify(client),
        owner: client.clientId,
        zadd: [{ key: this.keys.clientList(client.tenant), score: Date.parse(client.createdAt), member: client.clientId }],
      },
      `client ${client.clientId}`,
    );
  }

  async update(client: Client): Promise<Client> {
    const key = this.keys.client(client.tenant, client.clientId);
    const stored = nextRevision(client);
    await updateDocument<Client>(this.client, key, `client ${client.clientId}`, (current, currentJson) => {
      // The compare-and-set makes the write atomic; the revision keeps the caller's change from
      // replacing one written since its read (a rotation, a revocation), which a retry here would.
      if (!isSameRevision(current, client)) throw new StaleRecordError(`client ${client.clientId}`);
      return { key, expect: currentJson, doc: JSON.stringify(stored), owner: client.clientId };
    });
    return stored;
  }

  async delete(tenant: string, clientId: string): Promise<boolean> {
    const key = this.keys.client(tenant, clientId);
    return deleteDocument<Client>(this.client, key, (_current, currentJson) => ({
      key,
      expect: currentJson,
      doc: null,
      owner: clientId,
      zrem: [{ key: this.keys.clientList(tenant), member: clientId }],
    }));
  }

  async list(tenant: string, page: PageRequest): Promise<Page<Client>> {
    const { offset, limit } = pageWindow(page);
    const [ids, total] = await Promise.all([
      this.client.zRange(this.keys.clientList(tenant), offset, offset + limit - 1),
      this.client.zCard(this.keys.clientList(tenant)),
    ]);
    const items = await readDocuments<Client>(this.client, ids.map((id) => this.keys.client(tenant, id)));
    return { items, total };
  }
}
