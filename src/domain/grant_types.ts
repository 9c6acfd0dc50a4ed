import { isConfidentialAppType, isPublicClient } from './client_confidentiality.js';
import type { AppType, Client, TokenEndpointAuthMethod } from './types.js';

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
 * Whether an application with this authentication method may hold `grantType`, whatever its type:
 * client_credentials needs a confidential client (a method other than none), since a public one has
 * no secret to ask for tokens with and /oauth/token refuses it anyway. Auth0's Management API
 * refuses it the same ("Invalid grant types: client_credentials"), and so do fitgate's, on POST and
 * PATCH (src/management/clients/client_grant_types_check.ts), and the dashboard's Grant Types.
 */
export function mayHoldGrantType(client: Pick<Client, 'tokenEndpointAuthMethod'>, grantType: string): boolean {
  return grantType !== 'client_credentials' || !isPublicClient(client);
}

/** The grant types the application holds but may not (mayHoldGrantType), in its order; none for a valid one. */
export function grantTypesRefusedTo(client: Pick<Client, 'tokenEndpointAuthMethod' | 'grantTypes'>): string[] {
  return client.grantTypes.filter((grantType) => !mayHoldGrantType(client, grantType));
}

/**
 * Auth0's defaults per application type. `implicit` lets /authorize return an id_token in the front
 * channel (response_type id_token or code id_token); take it away and only the code flow remains.
 * A regular web application is confidential, so Auth0 gives it `client_credentials` too: one
 * application both signs users in and, once granted, calls the Management API. Clients stored
 * before keep the grant types they have.
 */
const DEFAULT_GRANT_TYPES: Readonly<Record<AppType, readonly GrantType[]>> = {
  regular_web: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
  spa: ['authorization_code', 'implicit', 'refresh_token'],
  native: ['authorization_code', 'implicit', 'refresh_token'],
  non_interactive: ['client_credentials'],
};

/**
 * The grant types a new application gets when none are given: its type's, less those its method
 * does not allow (mayHoldGrantType). Auth0 gives a public client no client_credentials, whatever its
 * type, so a regular web application created with token_endpoint_auth_method none is valid as made.
 */
export function defaultGrantTypes(appType: AppType, tokenEndpointAuthMethod: TokenEndpointAuthMethod): GrantType[] {
  return DEFAULT_GRANT_TYPES[appType].filter((grantType) => mayHoldGrantType({ tokenEndpointAuthMethod }, grantType));
}

/**
 * The grant types that do something for this application, which its page in the dashboard offers
 * (Auth0's Advanced Settings → Grant Types offers by type too): the user grants to an application
 * that signs users in, and client_credentials to one that keeps a secret on a server (regular web,
 * machine-to-machine) and may hold it (mayHoldGrantType). The Management API takes any of
 * GRANT_TYPES for any type of application, as Auth0's does, within mayHoldGrantType; what it stores
 * beyond these the dashboard shows and keeps.
 */
export function grantTypesFor(client: Pick<Client, 'appType' | 'tokenEndpointAuthMethod'>): GrantType[] {
  return GRANT_TYPES.filter((grantType) =>
    grantType === 'client_credentials' ? isConfidentialAppType(client.appType) && mayHoldGrantType(client, grantType) : client.appType !== 'non_interactive',
  );
}
