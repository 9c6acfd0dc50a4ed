import { isConfidentialAppType, isPublicClient } from './clients.js';
import type { Client } from './types.js';

/**
 * The grant types an application may list, in the order the dashboard shows them: the values the
 * Management API takes in `grant_types` (src/management/clients/client_schemas.ts) and the boxes of
 * the dashboard's Grant Types (src/dashboard/applications/grant_types_field.ts). Auth0 lists more
 * (password, MFA, device code); fitgate serves none of them, so it stores none.
 */
export const GRANT_TYPES = ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

/** Each grant type once, as the Management API and the dashboard store them: a repeat allows nothing more. */
export function distinctGrantTypes<T extends string>(grantTypes: readonly T[]): T[] {
  return [...new Set(grantTypes)];
}

/**
 * The grant types that do something for this application, which its page in the dashboard offers
 * (Auth0's Advanced Settings → Grant Types offers by type too): the user grants to an application
 * that signs users in, and client_credentials to one that keeps a secret on a server (regular web,
 * machine-to-machine), since /oauth/token refuses it to a public client anyway. The Management API
 * takes any of GRANT_TYPES for any application, as Auth0's does; what it stores beyond these the
 * dashboard shows and keeps.
 */
export function grantTypesFor(client: Pick<Client, 'appType' | 'tokenEndpointAuthMethod'>): GrantType[] {
  return GRANT_TYPES.filter((grantType) =>
    grantType === 'client_credentials' ? isConfidentialAppType(client.appType) && !isPublicClient(client) : client.appType !== 'non_interactive',
  );
}
