import { forgetEnabledClient } from './connection_updates.js';
import type { ClientRepository, ConnectionRepository } from './ports.js';

/**
 * Deletes an application as the dashboard and DELETE /api/v2/clients/{id} do: it is first taken out
 * of every connection's enabled clients, then deleted. In that order a step that fails leaves an
 * application that still exists (enabled nowhere, and deleted by trying again), never an id in
 * enabled_clients that names no application, which the dashboard would still list and no new
 * application could ever take back. Resolves false when there was no such application to delete.
 */
export async function deleteApplication(
  store: { clients: Pick<ClientRepository, 'delete'>; connections: Pick<ConnectionRepository, 'list' | 'getStored' | 'update'> },
  tenant: string,
  clientId: string,
): Promise<boolean> {
  await forgetEnabledClient(store.connections, tenant, clientId);
  return store.clients.delete(tenant, clientId);
}
