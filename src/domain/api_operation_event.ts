import type { LogEventInput } from './log_events.js';

/** Who changed the configuration: a machine-to-machine client through /api/v2, or an admin in the dashboard. */
export type ApiOperationCaller = { readonly clientId: string } | { readonly adminEmail: string };

export interface ApiOperation {
  readonly tenant: string;
  /** Auth0's words for the operation, e.g. "Update a client". */
  readonly description: string;
  readonly method: string;
  /** The Management API path of the change, e.g. /api/v2/clients/ID (the dashboard names its equivalent). */
  readonly path: string;
  readonly statusCode: number;
  readonly caller: ApiOperationCaller;
  /** The end user the change is about, when there is one. */
  readonly userId?: string | undefined;
  readonly ip?: string | undefined;
  readonly userAgent?: string | undefined;
  /** The host the request came to, as Auth0's `hostname`: the tenant's for /api/v2, the dashboard's for its changes. */
  readonly hostname?: string | undefined;
  /** More facts, never a body or a secret (credential-named keys are redacted anyway). */
  readonly details?: Record<string, unknown> | undefined;
}

/**
 * Auth0's audit event for a configuration change: `sapi` (Success API Operation) or `fapi` (Failed
 * API Operation). Auth0's own dashboard changes things through the Management API, so its changes
 * read the same: `details.request.channel` tells them apart and `auth.user` names the admin.
 */
export function apiOperationEvent(type: 'sapi' | 'fapi', operation: ApiOperation): LogEventInput {
  const { caller } = operation;
  const byClient = 'clientId' in caller;
  return {
    tenant: operation.tenant,
    type,
    description: operation.description,
    ...(byClient ? { clientId: caller.clientId } : { userName: caller.adminEmail }),
    ...(operation.userId !== undefined ? { userId: operation.userId } : {}),
    ...(operation.ip !== undefined ? { ip: operation.ip } : {}),
    ...(operation.userAgent !== undefined ? { userAgent: operation.userAgent } : {}),
    ...(operation.hostname !== undefined ? { hostname: operation.hostname } : {}),
    details: {
      request: {
        method: operation.method,
        path: operation.path,
        channel: byClient ? 'api' : 'dashboard',
        ...(byClient ? {} : { auth: { user: { email: caller.adminEmail } } }),
      },
      response: { statusCode: operation.statusCode },
      ...operation.details,
    },
  };
}
