import { holdsManagementGrant } from '../../domain/clients.js';
import type { Client } from '../../domain/types.js';

/**
 * Auth0 authorises a machine-to-machine client for an API with a client grant. A tenant serves one
 * API, its Management API, so a client has at most one grant, kept on the client (what
 * client_credentials reads): its managementScopes, and managementGrant for a grant of no scope. Its
 * id is derived from the client id, so grants in id order are grants in client id order.
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

/** The client holding a grant of exactly these scopes (none: a grant that allows nothing yet), or no grant. */
export function withClientGrant(client: Client, scopes: string[] | undefined, now: Date): Client {
  return { ...client, managementScopes: scopes ?? [], managementGrant: scopes !== undefined, updatedAt: now.toISOString() };
}

export function clientGrantJson(client: Client, audience: string): Record<string, unknown> {
  return { id: clientGrantId(client.clientId), client_id: client.clientId, audience, scope: client.managementScopes };
}
