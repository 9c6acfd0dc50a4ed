import type { AppType, Client, TokenEndpointAuthMethod } from './types.js';

/**
 * Whether an application can keep a secret: what its type says (Auth0's confidential and public
 * types) and what its token endpoint authentication method says. A leaf, so that the rules built on
 * it (clients.ts, grant_types.ts) can import it without importing each other.
 */

/** Single-page and native apps cannot keep a secret, so they authenticate with PKCE alone. */
const PUBLIC_APP_TYPES: ReadonlySet<AppType> = new Set(['spa', 'native']);

/**
 * Whether Auth0 counts applications of this type as confidential (regular web, machine-to-machine):
 * they keep a secret on a server, so they may call an API with client_credentials.
 */
export function isConfidentialAppType(appType: AppType): boolean {
  return !PUBLIC_APP_TYPES.has(appType);
}

/** A public client (token_endpoint_auth_method none) has no secret: it proves nothing at /oauth/token but PKCE. */
export function isPublicClient(client: Pick<Client, 'tokenEndpointAuthMethod'>): boolean {
  return client.tokenEndpointAuthMethod === 'none';
}

/** The method a client created without one gets (Auth0's): single-page and native apps are public. */
export function defaultTokenEndpointAuthMethod(appType: AppType): TokenEndpointAuthMethod {
  return PUBLIC_APP_TYPES.has(appType) ? 'none' : 'client_secret_post';
}
