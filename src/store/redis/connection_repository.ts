import { StaleRecordError, type ConnectionRepository } from '../../domain/ports.js';
import { isSameRevision, nextRevision } from '../../domain/record_revisions.js';
import type { Connection } from '../../domain/types.js';
import { createDocument, deleteDocument, readDocument, readDocuments, updateDocument } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import type { RedisClient } from './redis_client.js';
import { sealedUsageWrite } from './sealed_usage.js';

/** Connections as JSON strings; each name a unique key holding the connection id. */
export class RedisConnectionRepository implements ConnectionRepository {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(tenant: string, id: string): Promise<Connection | undefined> {
    return readDocument<Connection>(this.client, this.keys.connection(tenant, id));
  }

  async getByName(tenant: string, name: string): Promise<Connection | undefined> {
    const id = await this.client.get(this.keys.connectionName(tenant, name));
    return id === null ? undefined : this.get(tenant, id);
  }

  async create(connection: Connection): Promise<void> {
    await createDocument(
      this.client,
      {
        key: this.keys.connection(connection.tenant, connection.id),
        expect: null,
        doc: JSON.stringify(connection),
        owner: connection.id,
        claim: [this.nameClaim(connection)],
        zadd: [{ key: this.keys.connectionList(connection.tenant), score: Date.parse(connection.createdAt), member: connection.id }],
        sealed: sealedUsageWrite(this.keys, { kind: 'connection', record: connection }),
      },
      `connection ${connection.id}`,
    );
  }

  /** Every read here goes to Redis; the cache is a wrapper around this repository. */
  async getStored(tenant: string, id: string): Promise<Connection | undefined> {
    return this.get(tenant, id);
  }

  async update(connection: Connection): Promise<Connection> {
    const key = this.keys.connection(connection.tenant, connection.id);
    const stored = nextRevision(connection);
    await updateDocument<Connection>(this.client, key, `connection ${connection.id}`, (current, currentJson) => {
      // The compare-and-set makes the write atomic; the revision keeps the caller's change from
      // replacing one written since its read (an application's switch, a settings save), which a
      // retry here would.
      if (!isSameRevision(current, connection)) throw new StaleRecordError(`connection ${connection.id}`);
      return {
        key,
        expect: currentJson,
        doc: JSON.stringify(stored),
        owner: connection.id,
        release: [this.keys.connectionName(current.tenant, current.name)],
        claim: [this.nameClaim(connection)],
        sealed: sealedUsageWrite(this.keys, { kind: 'connection', record: stored }),
      };
    });
    return stored;
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    const key = this.keys.connection(tenant, id);
    return deleteDocument<Connection>(this.client, key, (current, currentJson) => ({
      key,
      expect: currentJson,
      doc: null,
      owner: id,
      release: [this.keys.connectionName(tenant, current.name)],
      zrem: [{ key: this.keys.connectionList(tenant), member: id }],
      sealed: sealedUsageWrite(this.keys, undefined),
    }));
  }

  async list(tenant: string): Promise<Connection[]> {
    const ids = await this.client.zRange(this.keys.connectionList(tenant), 0, -1);
    return readDocuments<Connection>(this.client, ids.map((id) => this.keys.connection(tenant, id)));
  }

  private nameClaim(connection: Connection): { key: string; what: string } {
    return { key: this.keys.connectionName(connection.tenant, connection.name), what: `connection ${connection.name}` };
  }
}
