import type { Client, Connection, Tenant, User } from '../../../src/domain/types.js';

const CREATED = '2026-11-01T00:00:00.000Z';

export function aTenant(overrides: Partial<Tenant> = {}): Tenant {
  return { name: 'acme', domains: [], signingKeys: [], createdAt: CREATED, ...overrides };
}

/** A confidential web application allowed the code and refresh grants. */
export function aClient(overrides: Partial<Client> = {}): Client {
  return {
    tenant: 'acme',
    clientId: 'web_app_client',
    name: 'Acme Web',
    appType: 'regular_web',
    clientSecretHash: 'b'.repeat(64),
    tokenEndpointAuthMethod: 'client_secret_basic',
    callbacks: ['https://app.example/callback'],
    allowedLogoutUrls: [],
    grantTypes: ['authorization_code', 'implicit', 'refresh_token'],
    managementScopes: [],
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** A public single-page application: no secret, so PKCE is required. */
export function aPublicClient(overrides: Partial<Client> = {}): Client {
  const { clientSecretHash: _secret, ...client } = aClient({
    clientId: 'spa_client',
    name: 'Acme SPA',
    appType: 'spa',
    tokenEndpointAuthMethod: 'none',
    ...overrides,
  });
  return client;
}

export function aConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    tenant: 'acme',
    id: 'con_fitbit',
    name: 'fitbit',
    strategy: 'fitbit',
    options: { api: 'google-health', scope: ['activity', 'profile'], profileSync: 'on_each_login' },
    enabledClients: ['web_app_client', 'spa_client'],
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** A user of `tenant` signed in once through its fitbit connection (Google Health) and holding no upstream tokens, so deleting it calls no upstream. */
export function aFitbitUser(tenant: string, upstreamId: string, overrides: Partial<User> = {}): User {
  return {
    tenant,
    userId: `fitbit|${upstreamId}`,
    identities: [{ provider: 'fitbit', connection: 'fitbit', userId: upstreamId, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' }],
    loginsCount: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}
