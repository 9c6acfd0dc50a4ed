import { BadRequestError } from '../../errors/index.js';
import type { Store } from '../../store/store.js';

/** A client id as a request body lists it, with the property that holds it (`enabled_clients.0`, `2.client_id`). */
export interface ListedClient {
  clientId: string;
  property: string;
}

/** The ids of a connection body's `enabled_clients`, each at its place in that list. */
export function inEnabledClients(clientIds: readonly string[]): ListedClient[] {
  return clientIds.map((clientId, index) => ({ clientId, property: `enabled_clients.${index}` }));
}

/**
 * A 400 naming the first listed client id this tenant does not have, at the property of the body
 * that holds it, so the caller can find it in what it sent.
 */
export async function requireClientsExist(store: Store, tenant: string, listed: readonly ListedClient[]): Promise<void> {
  for (const { clientId, property } of listed) {
    if (!(await store.clients.get(tenant, clientId))) {
      throw new BadRequestError(`Payload validation error: 'No client with id ${clientId}' on property ${property}.`);
    }
  }
}
