import type { ClientRepository, ConnectionRepository, TenantRepository } from '../../domain/ports.js';
import type { Client, Connection, Page, PageRequest, Tenant } from '../../domain/types.js';
import type { ConfigVersion } from './config_version.js';
import { RecordCache, type CacheLookupsSource } from './record_cache.js';

/**
 * Tenants, clients and connections are read on nearly every request (tenant from the Host, client
 * and connection at /authorize, /login/callback and /oauth/token) and change only when an admin
 * changes them. These wrappers serve single-record reads from RecordCache and announce every write
 * through the ConfigVersion; listings always go to the store. Only the reads that ask for it
 * (OutageRead in domain/ports.ts) are served the copy while the store cannot be reached; connections
 * never are: no read that may use the copy needs one.
 */

export function cachedTenants(inner: TenantRepository, version: ConfigVersion, metrics?: CacheLookupsSource): TenantRepository {
  const cache = new RecordCache<Tenant>(version, metrics?.cache('tenants'));
  return {
    get: (name, read) => cache.get(`name:${name}`, () => inner.get(name), read),
    // A change is computed from the record as stored: a cached one may predate another process's write.
    getStored: (name) => inner.getStored(name),
    findByDomain: (host, read) => cache.get(`host:${host.toLowerCase()}`, () => inner.findByDomain(host), read),
    create: (tenant) => written(inner.create(tenant), cache),
    update: (tenant) => written(inner.update(tenant), cache),
    list: () => inner.list(),
  };
}

export function cachedClients(inner: ClientRepository, version: ConfigVersion, metrics?: CacheLookupsSource): ClientRepository {
  const cache = new RecordCache<Client>(version, metrics?.cache('clients'));
  return {
    get: (tenant, clientId, read) => cache.get(`${tenant}\u0000${clientId}`, () => inner.get(tenant, clientId), read),
    // A change is computed from the record as stored: a cached one may predate another process's write.
    getStored: (tenant, clientId) => inner.getStored(tenant, clientId),
    create: (client) => written(inner.create(client), cache),
    update: (client) => written(inner.update(client), cache),
    delete: (tenant, clientId) => written(inner.delete(tenant, clientId), cache),
    list: (tenant: string, page: PageRequest): Promise<Page<Client>> => inner.list(tenant, page),
  };
}

export function cachedConnections(inner: ConnectionRepository, version: ConfigVersion, metrics?: CacheLookupsSource): ConnectionRepository {
  const cache = new RecordCache<Connection>(version, metrics?.cache('connections'));
  return {
    get: (tenant, id) => cache.get(`id:${tenant}\u0000${id}`, () => inner.get(tenant, id)),
    getByName: (tenant, name) => cache.get(`name:${tenant}\u0000${name}`, () => inner.getByName(tenant, name)),
    // A change is computed from the record as stored: a cached one may predate another process's write.
    getStored: (tenant, id) => inner.getStored(tenant, id),
    create: (connection) => written(inner.create(connection), cache),
    update: (connection) => written(inner.update(connection), cache),
    delete: (tenant, id) => written(inner.delete(tenant, id), cache),
    list: (tenant) => inner.list(tenant),
  };
}

/** Announces the change once the write succeeded (also when it failed half-way, to be safe). */
async function written<T>(write: Promise<T>, cache: { changed(): Promise<void> }): Promise<T> {
  try {
    return await write;
  } finally {
    await cache.changed();
  }
}
