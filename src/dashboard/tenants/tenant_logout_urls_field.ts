import { TENANT_LOGOUT_URL_RULE, tenantLogoutUrlProblem, tenantLogoutUrlsOf } from '../../domain/tenant_logout_urls.js';
import type { Tenant } from '../../domain/types.js';
import { parseUrlList, type UrlListResult } from '../applications/url_list.js';
import type { FormBody } from '../form_fields.js';

/**
 * The settings page's Allowed Logout URLs: the tenant-level list of PATCH /api/v2/tenants/settings
 * (domain/tenant_logout_urls.ts), typed one per line as an application's list is (url_list.ts), and
 * held to the rule that list is held to, as a regular web application's.
 */
export const TENANT_LOGOUT_URLS_FIELD = 'allowed_logout_urls';

/** The field as posted: the text to show again, and its verdict. */
export interface TenantLogoutUrlsField {
  text: string;
  result: UrlListResult;
}

/**
 * The field as the form carried it, or undefined when the form did not carry it at all: a page
 * rendered before the field existed still posts its lifetimes, and reading its silence as "left
 * empty" would wipe a list set through the Management API. A browser sends a field left empty as an
 * empty value, which clears the list. A forged post that repeats the field is read as its lines together.
 */
export function tenantLogoutUrlsField(body: FormBody): TenantLogoutUrlsField | undefined {
  const value = body?.[TENANT_LOGOUT_URLS_FIELD];
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  if (values === undefined) return undefined;
  const text = values.join('\n');
  return { text, result: parseUrlList(text, TENANT_LOGOUT_URL_RULE) };
}

/** The stored list as the field shows it. */
export function storedTenantLogoutUrlsText(tenant: Pick<Tenant, 'allowedLogoutUrls'>): string {
  return tenantLogoutUrlsOf(tenant).join('\n');
}

/** A stored URL that logout refuses to follow (saved before the rule), to show next to the field; undefined when there is none. */
export function storedTenantLogoutUrlsProblem(tenant: Pick<Tenant, 'allowedLogoutUrls'>): string | undefined {
  for (const url of tenantLogoutUrlsOf(tenant)) {
    const problem = tenantLogoutUrlProblem(url);
    if (problem) return `Saved earlier, and refused at logout until replaced: ${url}: ${problem}.`;
  }
  return undefined;
}
