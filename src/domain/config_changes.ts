import type { ApiOperation } from './api_operation_event.js';

/**
 * The configuration changes both the Management API and the dashboard make, each named once: the
 * API's route table (`ManagementRoute.audit`) and the dashboard's log (`logConfigChange`) take the
 * entry from here, so the one change leaves the same `sapi` event whichever surface made it (the
 * dashboard's only adds who and `channel: dashboard`). The descriptions are Auth0's.
 */
export interface ConfigChangeKind {
  /** Auth0's words for the operation, the event's description. */
  readonly description: string;
  readonly method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The Management API route below /api/v2, as the route table writes it ("/clients/:id"). */
  readonly route: string;
  /** What the Management API answers when the change succeeds. */
  readonly statusCode: number;
}

export const CONFIG_CHANGES = {
  createClient: { description: 'Create a client', method: 'POST', route: '/clients', statusCode: 201 },
  updateClient: { description: 'Update a client', method: 'PATCH', route: '/clients/:id', statusCode: 200 },
  deleteClient: { description: 'Delete a client', method: 'DELETE', route: '/clients/:id', statusCode: 204 },
  rotateClientSecret: { description: 'Rotate a client secret', method: 'POST', route: '/clients/:id/rotate-secret', statusCode: 200 },
  createClientGrant: { description: 'Create client grant', method: 'POST', route: '/client-grants', statusCode: 201 },
  updateClientGrant: { description: 'Update client grant', method: 'PATCH', route: '/client-grants/:id', statusCode: 200 },
  deleteClientGrant: { description: 'Delete client grant', method: 'DELETE', route: '/client-grants/:id', statusCode: 204 },
  /** A user's consent to a third-party application (domain/user_grants.ts), by the grant's id. */
  deleteGrant: { description: 'Delete a grant', method: 'DELETE', route: '/grants/:id', statusCode: 204 },
  /** Every consent of one user (DELETE /grants?user_id=). */
  deleteUserGrants: { description: 'Delete the grants of a user', method: 'DELETE', route: '/grants', statusCode: 204 },
  /** POST /connections, and the dashboard's first save of a social connection's settings. */
  createConnection: { description: 'Create a connection', method: 'POST', route: '/connections', statusCode: 201 },
  updateConnection: { description: 'Update a connection', method: 'PATCH', route: '/connections/:id', statusCode: 200 },
  /** 202 as Auth0 answers ("The connection is being deleted."). */
  deleteConnection: { description: 'Delete a connection', method: 'DELETE', route: '/connections/:id', statusCode: 202 },
  updateEnabledClients: { description: 'Update enabled clients for a connection', method: 'PATCH', route: '/connections/:id/clients', statusCode: 204 },
  rotateSigningKey: { description: 'Rotate the Application Signing Key', method: 'POST', route: '/keys/signing/rotate', statusCode: 201 },
  revokeSigningKey: { description: 'Revoke an Application Signing Key', method: 'PUT', route: '/keys/signing/:kid/revoke', statusCode: 200 },
  updateTenantSettings: { description: 'Update tenant settings', method: 'PATCH', route: '/tenants/settings', statusCode: 200 },
  /** Always refused (fitgate's users come from logins): its events are `fapi` ones. */
  createUser: { description: 'Create a User', method: 'POST', route: '/users', statusCode: 201 },
  updateUser: { description: 'Update a user', method: 'PATCH', route: '/users/:id', statusCode: 200 },
  deleteUser: { description: 'Delete a user', method: 'DELETE', route: '/users/:id', statusCode: 204 },
  unlinkIdentity: { description: 'Unlink an identity', method: 'DELETE', route: '/users/:id/identities/:provider/:user_id', statusCode: 200 },
  /** 202 as Auth0 answers ("Session deletion request accepted"); the dashboard's Sign out everywhere too. */
  deleteUserSessions: { description: 'Delete sessions for user', method: 'DELETE', route: '/users/:id/sessions', statusCode: 202 },
} as const satisfies Record<string, ConfigChangeKind>;

/**
 * The event's description, method, status and path for `kind` made on the records `params` name
 * (`{ id: clientId }` for "/clients/:id"), each value encoded as a path segment.
 */
export function configChange(kind: ConfigChangeKind, params: Readonly<Record<string, string>> = {}): Pick<ApiOperation, 'description' | 'method' | 'path' | 'statusCode'> {
  const path = kind.route.replace(/:(\w+)/g, (_placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`${kind.route} needs ${name}`);
    return encodeURIComponent(value);
  });
  return { description: kind.description, method: kind.method, path: `/api/v2${path}`, statusCode: kind.statusCode };
}
