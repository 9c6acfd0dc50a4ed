import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { defaultTokenEndpointAuthMethod, isPublicClient } from './client_confidentiality.js';
import { updateClient } from './client_updates.js';
import { defaultGrantTypes, grantTypeVerdict } from './grant_types.js';
import type { ClientRepository } from './ports.js';
import { signsUsersIn } from './signs_users_in.js';
import type { AppType, Client, TokenEndpointAuthMethod } from './types.js';

/** Auth0's optional client settings, stored as given once validated (src/management/clients). */
export type ClientSettings = Partial<
  Pick<
    Client,
    | 'description'
    | 'logoUri'
    | 'initiateLoginUri'
    | 'oidcConformant'
    | 'isFirstParty'
    | 'ssoDisabled'
    | 'crossOriginAuthentication'
    | 'clientMetadata'
    | 'idTokenLifetimeSeconds'
    | 'refreshTokenPolicy'
    | 'oidcLogout'
  >
>;

/**
 * Applications (OAuth clients) of a tenant: generated ids and secrets, and the one way a presented
 * secret is checked. Only the SHA-256 of a secret is stored; the secret itself is shown once, when it
 * is created or rotated. The Authentication API, the Management API and the dashboard all use this.
 */

export interface NewClientInput {
  tenant: string;
  name: string;
  appType: AppType;
  callbacks?: string[];
  allowedLogoutUrls?: string[];
  webOrigins?: string[];
  allowedOrigins?: string[];
  grantTypes?: string[];
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
  managementScopes?: string[];
  /** A chosen id (bootstrap from FITGATE_BOOTSTRAP_CLIENT_ID); generated when absent. */
  clientId?: string;
  /** A chosen secret (bootstrap); generated for confidential clients when absent. */
  clientSecret?: string;
  settings?: ClientSettings;
}

export interface NewClient {
  client: Client;
  /** The plaintext secret, to be shown once; absent for public clients (auth method "none"). */
  clientSecret?: string;
}

/**
 * The client as it is once the `implicit` grant type exists: a client that signs users in
 * (signsUsersIn), stored before then, could already get id_tokens from /authorize and keeps that,
 * when its type is one implicit is for (grantTypeVerdict: not machine to machine, as the SQLite
 * step, implicit_grant_migration.ts, reads it). Undefined when the client needs no change. Both
 * stores apply it once to every stored client.
 */
export function withImplicitGrant(client: Client): Client | undefined {
  const { grantTypes } = client;
  if (!signsUsersIn(client) || grantTypes.includes('implicit') || !grantTypeVerdict(client, 'implicit').allowed) return undefined;
  return { ...client, grantTypes: [...grantTypes, 'implicit'] };
}

/** 32 characters, like Auth0's client ids; 192 bits so ids cannot be guessed. */
export function generateClientId(): string {
  return randomBytes(24).toString('base64url');
}

/** 64 characters (384 bits). */
export function generateClientSecret(): string {
  return randomBytes(48).toString('base64url');
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Whether `presented` is the client's secret. Both sides are compared as SHA-256 digests of equal
 * length with timingSafeEqual, so the time taken says nothing about how much of the secret matched.
 * A public client (no stored hash) never matches.
 */
export function verifyClientSecret(client: Pick<Client, 'clientSecretHash'>, presented: string): boolean {
  if (!client.clientSecretHash) return false;
  const expected = Buffer.from(client.clientSecretHash, 'hex');
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether the client holds a grant for the tenant's Management API (client_credentials), scopes or not. */
export function holdsManagementGrant(client: Client): boolean {
  return client.managementGrant ?? client.managementScopes.length > 0;
}

/**
 * The token endpoint authentication method and grant types a new client is stored with: those given,
 * else Auth0's defaults for its type (the grant types for its type and that method: defaultGrantTypes).
 * buildClient stores these, and the Management API checks these before creating, so the check sees
 * exactly what is stored.
 */
export function newClientAuthAndGrants(
  input: Pick<NewClientInput, 'appType' | 'tokenEndpointAuthMethod' | 'grantTypes'>,
): Pick<Client, 'tokenEndpointAuthMethod' | 'grantTypes'> {
  const tokenEndpointAuthMethod = input.tokenEndpointAuthMethod ?? defaultTokenEndpointAuthMethod(input.appType);
  const grantTypes = input.grantTypes ? [...input.grantTypes] : defaultGrantTypes(input.appType, tokenEndpointAuthMethod);
  return { tokenEndpointAuthMethod, grantTypes };
}

/**
 * Builds a client record with Auth0's defaults for its type (newClientAuthAndGrants), and its secret
 * when it needs one.
 */
export function buildClient(input: NewClientInput, now = new Date()): NewClient {
  const { tokenEndpointAuthMethod: authMethod, grantTypes } = newClientAuthAndGrants(input);
  const clientSecret = authMethod === 'none' ? undefined : (input.clientSecret ?? generateClientSecret());
  const timestamp = now.toISOString();
  const client: Client = {
    tenant: input.tenant,
    clientId: input.clientId ?? generateClientId(),
    name: input.name,
    appType: input.appType,
    tokenEndpointAuthMethod: authMethod,
    callbacks: [...(input.callbacks ?? [])],
    allowedLogoutUrls: [...(input.allowedLogoutUrls ?? [])],
    ...(input.webOrigins ? { webOrigins: [...input.webOrigins] } : {}),
    ...(input.allowedOrigins ? { allowedOrigins: [...input.allowedOrigins] } : {}),
    grantTypes,
    managementScopes: [...(input.managementScopes ?? [])],
    ...input.settings,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  if (clientSecret !== undefined) client.clientSecretHash = hashClientSecret(clientSecret);
  return clientSecret === undefined ? { client } : { client, clientSecret };
}

/** Creates and stores a client; throws the repository's AlreadyExistsError when the id is taken. */
export async function createClient(clients: ClientRepository, input: NewClientInput): Promise<NewClient> {
  const created = buildClient(input);
  await clients.create(created.client);
  return created;
}

/**
 * Replaces a confidential client's secret and returns the client as stored with the new secret
 * (shown once). The old secret stops working at once. The change is made to the client as stored
 * (updateClient), so a write computed from an older read can neither undo it nor be undone by it.
 * Throws NotFoundInStoreError when the client is gone, and when it is public (it has no secret to
 * rotate), the error `publicClient` makes.
 */
export async function rotateClientSecret(
  clients: Pick<ClientRepository, 'getStored' | 'update'>,
  tenant: string,
  clientId: string,
  publicClient: (client: Client) => Error = (client) => new Error(`client ${client.clientId} is public and has no secret`),
): Promise<{ client: Client; clientSecret: string }> {
  const clientSecret = generateClientSecret();
  const client = await updateClient(clients, tenant, clientId, (current) => {
    if (isPublicClient(current)) throw publicClient(current);
    return { ...current, clientSecretHash: hashClientSecret(clientSecret), updatedAt: new Date().toISOString() };
  });
  return { client, clientSecret };
}
