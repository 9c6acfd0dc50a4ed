import { updateClient } from './client_updates.js';
import { isPublicClient } from './client_confidentiality.js';
import { holdsManagementGrant } from './clients.js';
import type { ClientRepository } from './ports.js';
import type { Client } from './types.js';

/**
 * Auth0 authorises a machine-to-machine client for an API with a client grant. A tenant serves one
 * API, its Management API, so a client has at most one grant, kept on the client (what
 * client_credentials reads): its managementScopes, and managementGrant for a grant of no scope. Its
 * id is derived from the client id, so grants in id order are grants in client id order.
 *
 * The Management API (/api/v2/client-grants) and the dashboard (an application's Management API
 * section) both change grants through these rules, so a grant made in one reads the same in the other.
 */
const PREFIX = 'cgr_';

export function clientGrantId(clientId: string): string {
  return `${PREFIX}${clientId}`;
}

/** The client id a grant id names, or undefined when it is not a grant id. */
export function clientIdOfGrant(grantId: string): string | undefined {
  return grantId.startsWith(PREFIX) && grantId.length > PREFIX.length ? grantId.slice(PREFIX.length) : undefined;
}

export function hasClientGrant(client: Client): boolean {
  return holdsManagementGrant(client);
}

/**
 * Why the client may not hold a grant at all, in Auth0's words, or undefined when it may: a public
 * client has no secret to prove itself with at /oauth/token, so client_credentials refuses it anyway.
 */
export function clientGrantRefusal(client: Client): string | undefined {
  return isPublicClient(client) ? 'A public client cannot use client_credentials' : undefined;
}

/** A scope named twice is granted once, as Auth0 stores it. */
export function distinctScopes<T extends string>(scopes: readonly T[]): T[] {
  return [...new Set(scopes)];
}

/** The client holding a grant of exactly these scopes (none: a grant that allows nothing yet), or no grant. */
export function withClientGrant(client: Client, scopes: string[] | undefined, now: Date): Client {
  return { ...client, managementScopes: scopes ?? [], managementGrant: scopes !== undefined, updatedAt: now.toISOString() };
}

/**
 * Stores the client with a grant of these scopes, or with no grant (undefined), and returns it as
 * stored. Tokens already issued follow at once: the Management API checks each token's scopes
 * against the stored grant. The change is made to the client as stored (updateClient): `allowed`
 * sees that record and may throw to refuse (nothing is written), so a check made on an older read
 * (is there a grant already? is it public?) never decides. Throws NotFoundInStoreError when the
 * client is gone.
 */
export async function saveClientGrant(
  clients: Pick<ClientRepository, 'getStored' | 'update'>,
  tenant: string,
  clientId: string,
  scopes: string[] | undefined,
  allowed: (current: Client) => void = () => {},
): Promise<Client> {
  const now = new Date();
  return updateClient(clients, tenant, clientId, (current) => {
    allowed(current);
    return withClientGrant(current, scopes, now);
  });
}
