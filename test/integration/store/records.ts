import { randomBytes } from 'node:crypto';
import type { AdminAccount, Client, Connection, Identity, LogEvent, Sealed, Tenant, User } from '../../../src/domain/types.js';

/** Minimal valid records for the store contract tests; each call is unique unless told otherwise. */

export function uniqueId(label: string): string {
  return `${label}_${randomBytes(6).toString('hex')}`;
}

const at = (ms: number): string => new Date(ms).toISOString();

export function tenantRecord(overrides: Partial<Tenant> & { name?: string } = {}): Tenant {
  return { name: uniqueId('t').toLowerCase(), domains: [], signingKeys: [], createdAt: at(Date.now()), ...overrides };
}

export function clientRecord(tenant: string, overrides: Partial<Client> = {}): Client {
  const now = at(Date.now());
  return {
    tenant,
    clientId: uniqueId('client'),
    name: 'My App',
    appType: 'regular_web',
    clientSecretHash: 'ab'.repeat(32),
    tokenEndpointAuthMethod: 'client_secret_post',
    callbacks: ['https://app.example/callback'],
    allowedLogoutUrls: [],
    grantTypes: ['authorization_code', 'refresh_token'],
    managementScopes: [],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function connectionRecord(tenant: string, overrides: Partial<Connection> = {}): Connection {
  const now = at(Date.now());
  return {
    tenant,
    id: uniqueId('con'),
    name: uniqueId('fitbit'),
    strategy: 'fitbit',
    options: { api: 'google-health', scope: ['activity', 'profile'], profileSync: 'on_each_login' },
    enabledClients: [],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function identityRecord(upstreamId: string, overrides: Partial<Identity> = {}): Identity {
  return {
    provider: 'fitbit',
    connection: 'fitbit',
    userId: upstreamId,
    isSocial: true,
    api: 'google-health',
    grantedScopes: ['activity'],
    status: 'connected',
    ...overrides,
  };
}

/** A user created `createdAtMs` (default now) with one Fitbit identity of upstream id `upstreamId`. */
export function userRecord(
  tenant: string,
  options: { upstreamId?: string; createdAtMs?: number } & Partial<User> = {},
): User {
  const { upstreamId = uniqueId('UP'), createdAtMs = Date.now(), ...overrides } = options;
  return {
    tenant,
    userId: `fitbit|${upstreamId}`,
    identities: [identityRecord(upstreamId)],
    loginsCount: 1,
    createdAt: at(createdAtMs),
    updatedAt: at(createdAtMs),
    ...overrides,
  };
}

export function adminRecord(overrides: Partial<AdminAccount> = {}): AdminAccount {
  return { email: `${uniqueId('admin')}@example.com`, tenants: ['default'], createdAt: at(Date.now()), ...overrides };
}

export function logRecord(tenant: string, overrides: Partial<LogEvent> & { dateMs?: number } = {}): LogEvent {
  const { dateMs = Date.now(), ...rest } = overrides;
  return { tenant, id: uniqueId('log'), date: at(dateMs), type: 's', ...rest };
}

/** Not a real sealed value: for tests that only need the Sealed type. */
export function fakeSealed(text: string): Sealed {
  return text as Sealed;
}
