import { BadRequestError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';

/** A 400 naming the first listed client id this tenant does not have. */
export async function requireClientsExist(store: Store, tenant: string, clientIds: string[]): Promise<void> {
  for (const [index, clientId] of clientIds.entries()) {
    if (!(await store.clients.get(tenant, clientId))) {
      throw new BadRequestError(`Payload validation error: 'No client with id ${clientId}' on property enabled_clients.${index}.`);
    }
  }
}
