import type { Client } from '../../domain/types.js';

/**
 * Auth0 authorises a machine-to-machine client for an API with a client grant. A tenant serves one
 * API, its Management API, so a client has at most one grant, kept as the client's managementScopes
 * (what client_credentials reads); its id is derived from the client id.
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
  return client.managementScopes.length > 0;
}

export function clientGrantJson(client: Client, audience: string): Record<string, unknown> {
  return { id: clientGrantId(client.clientId), client_id: client.clientId, audience, scope: client.managementScopes };
}
