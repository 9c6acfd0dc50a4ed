import type { Client } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

/**
 * Every client of the tenant, oldest first, a store page at a time: for lists filtered or paged in
 * memory (client grants, clients by app_type). Tenants have tens of clients, not millions.
 */
export async function allClients(store: Store, tenant: string): Promise<Client[]> {
  const clients: Client[] = [];
  for (let page = 0; ; page += 1) {
    const { items, total } = await store.clients.list(tenant, { page, perPage: 100 });
    clients.push(...items);
    if (items.length === 0 || clients.length >= total) return clients;
  }
}
