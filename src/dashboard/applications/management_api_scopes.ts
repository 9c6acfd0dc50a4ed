import { MANAGEMENT_API_SCOPES, type ManagementApiScope } from '../../domain/management_scopes.js';

/** The Management API's permissions as the application page offers them: by the resource they act on. */
export interface ScopeGroup {
  label: string;
  scopes: { name: ManagementApiScope; description: string }[];
}

type Resource = 'users' | 'clients' | 'client_grants' | 'grants' | 'connections' | 'logs' | 'signing_keys' | 'tenant_settings';

const RESOURCE_LABELS: Readonly<Record<Resource, string>> = {
  users: 'Users',
  clients: 'Applications',
  connections: 'Connections',
  logs: 'Logs',
  client_grants: 'Client grants (Management API access)',
  grants: 'User grants (what users allowed third-party applications)',
  signing_keys: 'Signing keys',
  tenant_settings: 'Tenant settings',
};

// A Record over every scope, so a scope added to the domain's list fails the type check until it is
// placed and described here, instead of being silently missing from the form.
const SCOPES: Readonly<Record<ManagementApiScope, { resource: Resource; description: string }>> = {
  'read:users': { resource: 'users', description: 'list, search and read users' },
  'update:users': { resource: 'users', description: 'change users, block them, unlink identities' },
  'update:users_app_metadata': { resource: 'users', description: 'change only app_metadata and user_metadata' },
  'delete:users': { resource: 'users', description: 'delete users' },
  'read:user_idp_tokens': { resource: 'users', description: "read the fresh access token each of a user's connections holds at its upstream" },
  'delete:sessions': { resource: 'users', description: "end a user's browser sessions (sign them out everywhere)" },
  'read:clients': { resource: 'clients', description: 'list and read applications' },
  'create:clients': { resource: 'clients', description: 'create applications' },
  'update:clients': { resource: 'clients', description: 'change applications and rotate their secrets' },
  'delete:clients': { resource: 'clients', description: 'delete applications' },
  'read:client_grants': { resource: 'client_grants', description: 'list which applications may call the Management API' },
  'create:client_grants': { resource: 'client_grants', description: 'authorize applications for the Management API' },
  'update:client_grants': { resource: 'client_grants', description: "change an application's permissions" },
  'delete:client_grants': { resource: 'client_grants', description: "revoke an application's access" },
  'read:grants': { resource: 'grants', description: 'list what each user allowed third-party applications on the consent page' },
  'delete:grants': { resource: 'grants', description: "revoke a user's consent to a third-party application (it asks again at the next login)" },
  'read:connections': { resource: 'connections', description: 'read connections and the applications they are enabled for' },
  'create:connections': { resource: 'connections', description: 'create connections of the strategies fitgate serves' },
  'update:connections': { resource: 'connections', description: 'change connections and enable them for applications' },
  'delete:connections': { resource: 'connections', description: 'delete connections, and the users that came through them' },
  'read:logs': { resource: 'logs', description: 'read and search the logs' },
  'read:logs_users': { resource: 'logs', description: "read one user's logs only" },
  'read:signing_keys': { resource: 'signing_keys', description: 'list and read the signing keys' },
  'create:signing_keys': { resource: 'signing_keys', description: 'rotate the signing key' },
  'update:signing_keys': { resource: 'signing_keys', description: 'revoke a signing key' },
  'read:tenant_settings': { resource: 'tenant_settings', description: "read the tenant's settings (its login session lifetimes)" },
  'update:tenant_settings': { resource: 'tenant_settings', description: "change the tenant's settings" },
};

/** Every permission, grouped by resource; the groups follow the domain's list, so reading them top to bottom is its order. */
export const SCOPE_GROUPS: readonly ScopeGroup[] = (Object.keys(RESOURCE_LABELS) as Resource[]).map((resource) => ({
  label: RESOURCE_LABELS[resource],
  scopes: MANAGEMENT_API_SCOPES.filter((name) => SCOPES[name].resource === resource).map((name) => ({ name, description: SCOPES[name].description })),
}));

/**
 * The chosen scopes in the domain's order, whatever order the browser sent the boxes in: a grant
 * made here then lists its scopes as the bootstrap client's and the form's.
 */
export function inListOrder(scopes: readonly string[]): ManagementApiScope[] {
  const chosen = new Set(scopes);
  return MANAGEMENT_API_SCOPES.filter((name) => chosen.has(name));
}
