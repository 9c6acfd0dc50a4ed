import { clientGrantId } from '../../domain/client_grants.js';
import type { Client } from '../../domain/types.js';

/** A client's grant as Auth0's /api/v2/client-grants shows it (the rules: domain/client_grants.ts). */
export function clientGrantJson(client: Client, audience: string): Record<string, unknown> {
  return { id: clientGrantId(client.clientId), client_id: client.clientId, audience, scope: client.managementScopes };
}
