import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { recordAdminActivity, type AdminActivity } from '../../domain/admin_activity.js';
import { recordTenantEvent } from '../../domain/tenant_log.js';
import { requestLogFacts } from '../../http/request_log_facts.js';

/**
 * Records a dashboard admin's activity in the logs of `tenants`, with the request's address and user
 * agent, through the tenants' one writer (domain/tenant_log.ts). Best effort: a log store that fails
 * is reported to the process log and never changes the answer (a sign-in must not fail because its
 * log line could not be written).
 */
export async function logAdminActivity(
  deps: Pick<AppDeps, 'store' | 'logger'>,
  req: Request,
  activity: AdminActivity,
  email: string,
  tenants: readonly string[],
): Promise<void> {
  const { ip, userAgent } = requestLogFacts(req);
  await recordAdminActivity((event) => recordTenantEvent(deps, event), {
    activity,
    email,
    tenants,
    ...(ip !== undefined ? { ip } : {}),
    ...(userAgent !== undefined ? { userAgent } : {}),
  });
}
