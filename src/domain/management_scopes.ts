/**
 * The Management API's scopes (Auth0's names). A machine-to-machine client is granted a subset in
 * `managementScopes`; its client_credentials token carries them, and each /api/v2 route requires one.
 */
export const MANAGEMENT_API_SCOPES = [
  'read:users',
  'update:users',
  // Auth0's narrower scope: PATCH /users/{id} with a body of app_metadata and user_metadata only.
  'update:users_app_metadata',
  'delete:users',
  'read:user_idp_tokens',
  // Auth0's: DELETE /users/{id}/sessions, ending a user's browser sessions (domain/ended_sessions.ts).
  'delete:sessions',
  'read:clients',
  'create:clients',
  'update:clients',
  'delete:clients',
  'read:connections',
  'create:connections',
  'update:connections',
  // Deleting a connection deletes the users that came through it (connection_removal.ts).
  'delete:connections',
  'read:logs',
  // Auth0's narrower scope: one user's logs (GET /users/{id}/logs) only.
  'read:logs_users',
  // Auth0's client grants: which machine-to-machine clients may get Management API tokens, with what.
  'read:client_grants',
  'create:client_grants',
  'update:client_grants',
  'delete:client_grants',
  // Auth0's user grants: what users allowed third-party applications on the consent page (list, revoke).
  'read:grants',
  'delete:grants',
  // Auth0's application signing keys: list, rotate (create) and revoke (update).
  'read:signing_keys',
  'create:signing_keys',
  'update:signing_keys',
  // Auth0's tenant settings (GET and PATCH /tenants/settings): the end users' session lifetimes.
  'read:tenant_settings',
  'update:tenant_settings',
] as const;

export type ManagementApiScope = (typeof MANAGEMENT_API_SCOPES)[number];

const KNOWN_SCOPES: ReadonlySet<string> = new Set(MANAGEMENT_API_SCOPES);

/** Whether a client grant may hold this scope: the same list the Management API's client-grant schema enforces. */
export function isManagementApiScope(value: string): value is ManagementApiScope {
  return KNOWN_SCOPES.has(value);
}
