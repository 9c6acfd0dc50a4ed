import type { ClientRepository } from './ports.js';
import type { Client } from './types.js';

/** The store's page size for a read of every client: its pages, not the reader's. */
const READ_PAGE = 100;

/**
 * Every client of the tenant, oldest first, read a store page at a time: for lists sorted, filtered
 * or paged in memory (the Management API's client filters and client grants, the dashboard's
 * connection Applications tab and the names a connection is enabled for). Tenants have tens of
 * clients, not millions.
 */
export async function everyClient(clients: Pick<ClientRepository, 'list'>, tenant: string): Promise<Client[]> {
  const found: Client[] = [];
  for (let page = 0; ; page += 1) {
    const { items, total } = await clients.list(tenant, { page, perPage: READ_PAGE });
    found.push(...items);
    if (items.length === 0 || found.length >= total) return found;
  }
}
