import type { Request, Response } from 'express';
import type { ConfigChangeKind } from '../domain/config_changes.js';
import type { ManagementApiScope } from '../domain/management_scopes.js';
import type { ManagementServices } from './services.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a handler answers; the router sends it after the audit event is written. */
export interface ManagementReply {
  /** 200 when absent. */
  status?: number;
  /** JSON body; no body (204) when absent. */
  body?: unknown;
  /** Extra facts for the sapi log event (never a secret), e.g. how an upstream revocation went. */
  auditDetails?: Record<string, unknown>;
}

export type ManagementHandler = (req: Request, res: Response, services: ManagementServices) => Promise<ManagementReply>;

/**
 * One Management API endpoint. The router is built from a table of these, and so is the
 * authorisation test matrix: an endpoint cannot exist without declaring the scopes it needs.
 */
export interface ManagementRoute {
  method: HttpMethod;
  /** Express path below /api/v2, e.g. "/users/:id". */
  path: string;
  /** The token must carry at least one of these (Auth0: "Insufficient scope, expected any of: ..."). */
  scopes: readonly [ManagementApiScope, ...ManagementApiScope[]];
  /**
   * Writes only: the change its sapi / fapi log event describes (domain/config_changes.ts), the one
   * the dashboard names for the same change.
   */
  audit?: ConfigChangeKind;
  /**
   * Every query parameter the endpoint understands, none when absent; any other is a 400 naming it
   * (refuse_unknown_query.ts), so a misspelt `fields` or filter is never silently ignored.
   */
  query?: readonly string[];
  /**
   * `list` for a write whose body is a JSON array (PATCH /connections/{id}/clients), which its schema
   * judges whole. Any other body is an object, and a PATCH of one sends at least one property, as at
   * Auth0 (run_route.ts).
   */
  body?: 'list';
  handle: ManagementHandler;
}
