import { sessionLifetimesOf } from '../../domain/session_lifetimes.js';
import { tenantLogoutUrlsOf } from '../../domain/tenant_logout_urls.js';
import type { Tenant } from '../../domain/types.js';

/**
 * Auth0's tenant settings object, with the fields fitgate keeps: the session lifetimes, in hours,
 * and the tenant-level Allowed Logout URLs (`[]` until set).
 */
export function tenantSettingsJson(tenant: Pick<Tenant, 'idleSessionLifetimeHours' | 'sessionLifetimeHours' | 'allowedLogoutUrls'>): Record<string, unknown> {
  const lifetimes = sessionLifetimesOf(tenant);
  return {
    idle_session_lifetime: lifetimes.idleHours,
    session_lifetime: lifetimes.absoluteHours,
    allowed_logout_urls: [...tenantLogoutUrlsOf(tenant)],
  };
}
