import { everyClient } from '../../domain/every_client.js';
import type { Client } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

/**
 * Every client of the tenant, oldest first (domain/every_client.ts): for lists filtered or paged in
 * memory (client grants, clients by app_type).
 */
export function allClients(store: Store, tenant: string): Promise<Client[]> {
  return everyClient(store.clients, tenant);
}
