import { createClient, type NewClient, type NewClientInput } from './clients.js';
import { updateConnection, withClientEnabled } from './connection_updates.js';
import { NotFoundInStoreError, type ClientRepository, type ConnectionRepository } from './ports.js';
import { signsUsersIn } from './signs_users_in.js';
import { newApplicationTokenSettings } from './token_lifetimes.js';
import type { Client } from './types.js';

/**
 * Creates an application as the dashboard and POST /api/v2/clients do, with Auth0's tenant flag
 * `enable_client_connections` (on by default) applied: an application that signs users in has every
 * connection the tenant has now enabled for it, so its first login goes to the upstream instead of
 * "No connection is enabled for this application". One that signs no user in (signsUsersIn: a
 * machine-to-machine application with its default grant types, say) gets none. Each connection is changed as stored
 * (updateConnection), so a settings save or another switch at the same moment is kept; one deleted
 * meanwhile is skipped. Its id_token lifetime and refresh token policy are stored as Auth0's defaults
 * for its type (newApplicationTokenSettings) unless given, so they never change under it later.
 * Throws the repository's AlreadyExistsError when the client id is taken.
 */
export async function createApplication(
  store: { clients: ClientRepository; connections: Pick<ConnectionRepository, 'list' | 'getStored' | 'update'> },
  input: NewClientInput,
): Promise<NewClient> {
  const created = await createClient(store.clients, { ...input, settings: { ...newApplicationTokenSettings(input.appType, input.tokenEndpointAuthMethod), ...input.settings } });
  if (signsUsersIn(created.client)) await enableEveryConnection(store.connections, created.client);
  return created;
}

async function enableEveryConnection(connections: Pick<ConnectionRepository, 'list' | 'getStored' | 'update'>, client: Client): Promise<void> {
  for (const connection of await connections.list(client.tenant)) {
    try {
      await updateConnection(connections, client.tenant, connection.id, (current) => withClientEnabled(current, client.clientId, true));
    } catch (error) {
      if (!(error instanceof NotFoundInStoreError)) throw error;
    }
  }
}
