import { updateClient } from '../../src/domain/client_updates.js';
import type { ClientRepository } from '../../src/domain/ports.js';
import type { Client } from '../../src/domain/types.js';

/**
 * Stores `client` as given over whatever is stored, for a test that sets a client's state from its
 * fixture record (which the store's revision check would otherwise refuse as a stale read).
 */
export function storeClient(clients: Pick<ClientRepository, 'getStored' | 'update'>, client: Client): Promise<Client> {
  return updateClient(clients, client.tenant, client.clientId, (current) => ({ ...client, revision: current.revision }));
}
