import type { Request } from 'express';
import type { LogEventInput } from '../domain/log_events.js';
import { recordTenantEvent, type TenantLogDeps } from '../domain/tenant_log.js';
import { requestLogFacts } from './request_log_facts.js';

export type RequestEvent = Omit<LogEventInput, 'tenant' | 'ip' | 'userAgent' | 'hostname'>;

/**
 * Records an Auth0-coded event about this request: the tenant, IP, user agent and hostname are
 * added here, then the tenants' one writer (domain/tenant_log.ts) adds the stored facts and records
 * it, best effort. The tenant is the request's, unless the event is about another one (the
 * dashboard's TRY of a tenant it manages from another tenant's host). Every login-like event goes
 * through here (a login's, a token exchange's, a logout's, a TRY's), so that all of them carry the
 * same facts.
 */
export async function recordRequestEvent(
  deps: TenantLogDeps,
  req: Request,
  event: RequestEvent,
  tenant: string = req.context.tenant.name,
): Promise<void> {
  await recordTenantEvent(deps, { ...event, tenant, ...requestLogFacts(req) });
}
