import { everyClient } from '../../domain/every_client.js';
import { signsUsersIn } from '../../domain/signs_users_in.js';
import type { Store } from '../../store/store.js';
import { findSocialConnection } from '../connections/social_connection.js';

/** An application a connection is enabled for, as the next step after a TRY names and links it. */
export interface EnabledApplication {
  readonly clientId: string;
  readonly name: string;
}

/**
 * The applications that sign users in (signsUsersIn: those /authorize takes) for which the tenant's
 * connection of `strategy` is enabled, as stored now, in the connection's order: what "It works!"
 * suggests next depends on it (enable the connection for an application, or sign in to one for
 * real), so it never suggests one /authorize would refuse. An id whose application was deleted is
 * left out. Every application is read, as the Social card and the Applications tab read them: a
 * count of the first hundred ids only would say "one of the 100" of a connection enabled for more,
 * and miss those past the hundredth when machines came first.
 */
export async function enabledApplications(store: Store, tenant: string, strategy: string): Promise<EnabledApplication[]> {
  const connection = await findSocialConnection(store, tenant, strategy);
  if (!connection || connection.enabledClients.length === 0) return [];
  const clients = new Map((await everyClient(store.clients, tenant)).map((client) => [client.clientId, client]));
  return connection.enabledClients.flatMap((clientId) => {
    const client = clients.get(clientId);
    return client && signsUsersIn(client) ? [{ clientId: client.clientId, name: client.name }] : [];
  });
}
