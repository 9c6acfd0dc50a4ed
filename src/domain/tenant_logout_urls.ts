import { redirectUrlProblem, type ApplicationUrlLists } from './application_urls.js';
import type { AppType, Tenant } from './types.js';

/**
 * Auth0's tenant-level Allowed Logout URLs (Tenant Settings > Advanced, `allowed_logout_urls` of
 * /api/v2/tenants/settings): where a logout that names no application, neither by client_id nor by
 * id_token_hint, may return to, as Auth0 documents for /v2/logout and /oidc/logout alike. The rule is
 * an application's for its Allowed Logout URLs, as a regular web application's: no application says
 * it is a native one, so a custom scheme, which only a native app may register, is refused.
 */
export const TENANT_LOGOUT_URL_RULE: AppType = 'regular_web';

export function tenantLogoutUrlsOf(tenant: Pick<Tenant, 'allowedLogoutUrls'>): readonly string[] {
  return tenant.allowedLogoutUrls ?? [];
}

/** The list as the application URL rule checks it where it is written (assertApplicationUrls). */
export function tenantLogoutUrlLists(urls: readonly string[]): ApplicationUrlLists {
  return { appType: TENANT_LOGOUT_URL_RULE, allowedLogoutUrls: urls };
}

/** Why a listed URL may not be followed (stored before the rule it breaks); undefined when it may. */
export function tenantLogoutUrlProblem(url: string): string | undefined {
  return redirectUrlProblem(url, TENANT_LOGOUT_URL_RULE);
}

/** The tenant with this list (already without repeats); the tenant itself when it has it (nothing to write). */
export function withTenantLogoutUrls(tenant: Tenant, urls: readonly string[]): Tenant {
  const current = tenantLogoutUrlsOf(tenant);
  if (tenant.allowedLogoutUrls !== undefined && current.length === urls.length && current.every((url, index) => url === urls[index])) return tenant;
  return { ...tenant, allowedLogoutUrls: [...urls] };
}
