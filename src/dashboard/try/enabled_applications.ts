import { signsUsersIn } from '../../domain/signs_users_in.js';
import type { Store } from '../../store/store.js';
import { findSocialConnection } from '../connections/social_connection.js';

/** An application a connection is enabled for, as the next step after a TRY names and links it. */
export interface EnabledApplication {
  readonly clientId: string;
  readonly name: string;
}

/** A bounded read: the next step needs to know whether there is one, and which when there is only one. */
const MOST_READ = 100;

/**
 * The applications that sign users in (signsUsersIn: those /authorize takes) for which the tenant's
 * connection of `strategy` is enabled, as stored now: what "It works!" suggests next depends on it
 * (enable the connection for an application, or sign in to one for real), so it never suggests one
 * /authorize would refuse. An id whose application was deleted is left out.
 */
export async function enabledApplications(store: Store, tenant: string, strategy: string): Promise<EnabledApplication[]> {
  const connection = await findSocialConnection(store, tenant, strategy);
  const clients = await Promise.all((connection?.enabledClients ?? []).slice(0, MOST_READ).map((clientId) => store.clients.get(tenant, clientId)));
  return clients.flatMap((client) => (client && signsUsersIn(client) ? [{ clientId: client.clientId, name: client.name }] : []));
}
