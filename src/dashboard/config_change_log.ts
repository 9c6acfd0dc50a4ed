import type { Request, Response } from 'express';
import { apiOperationEvent, type ApiOperation } from '../domain/api_operation_event.js';
import { recordTenantEvent, type TenantLogDeps } from '../domain/tenant_log.js';
import { requestLogFacts } from '../http/request_log_facts.js';

/**
 * A change made in the dashboard, described as the Management API call it amounts to: for a change
 * the API makes too, `configChange(CONFIG_CHANGES.…)` (domain/config_changes.ts), the entry the API's
 * route names, and what the API's event carries besides (the user it is about, `details`).
 */
export interface ConfigChange extends Pick<ApiOperation, 'description' | 'method' | 'path' | 'details' | 'userId'> {
  /** 200 unless said (201 for a creation, 204 for a deletion, as the Management API answers). */
  statusCode?: number;
  /** Whose logs keep it: the managed tenant unless said (a new tenant keeps its own creation). */
  tenant?: string;
}

/**
 * Records a configuration change made in the dashboard the way the Management API records its
 * writes (src/management/run_route.ts): a `sapi` event in the tenant's logs, naming the admin,
 * through the tenants' one writer (domain/tenant_log.ts). Best effort: the change is done, and a log
 * store that fails is reported to the request log rather than turned into an error page.
 */
export async function logConfigChange(
  store: TenantLogDeps['store'],
  req: Request,
  res: Response,
  change: ConfigChange,
): Promise<void> {
  const admin = res.locals.admin;
  const tenant = change.tenant ?? res.locals.managedTenant?.name;
  if (!admin || !tenant) return;
  const { statusCode = 200, ...operation } = change;
  await recordTenantEvent(
    { store, logger: req.log },
    apiOperationEvent('sapi', { ...operation, tenant, statusCode, caller: { adminEmail: admin.email }, ...requestLogFacts(req) }),
  );
}
