import type { TenantRepository } from './ports.js';
import { applySessionLifetimes, type SessionLifetimesChange } from './session_lifetime_changes.js';
import type { LifetimeProblem, SessionLifetimes } from './session_lifetimes.js';
import { withTenantLogoutUrls } from './tenant_logout_urls.js';
import { updateTenant } from './tenant_updates.js';
import type { Tenant } from './types.js';

/** What one PATCH /api/v2/tenants/settings may change; anything left out keeps the tenant's. */
export interface TenantSettingsChange {
  readonly lifetimes: SessionLifetimesChange;
  /** The whole list, already checked and without repeats; replaces the tenant's. */
  readonly allowedLogoutUrls?: readonly string[];
}

export type TenantSettingsOutcome =
  | { saved: true; tenant: Tenant }
  /** Nothing written, the logout URLs included: the lifetimes the change would have made, and what is wrong with them. */
  | { saved: false; lifetimes: SessionLifetimes; problems: LifetimeProblem[] };

/**
 * Applies every setting of `change` in one write of the tenant as stored, so a refused lifetime
 * leaves the logout URLs unchanged too, and a concurrent write (a key rotation) is kept
 * (updateTenant). Throws NotFoundInStoreError when the tenant is gone.
 */
export async function changeTenantSettings(
  tenants: Pick<TenantRepository, 'getStored' | 'update'>,
  name: string,
  change: TenantSettingsChange,
): Promise<TenantSettingsOutcome> {
  let refused = undefined as Extract<TenantSettingsOutcome, { saved: false }> | undefined;
  const stored = await updateTenant(tenants, name, (current) => {
    const { tenant, outcome } = applySessionLifetimes(current, change.lifetimes);
    refused = outcome.saved ? undefined : outcome;
    if (!outcome.saved) return current;
    return change.allowedLogoutUrls === undefined ? tenant : withTenantLogoutUrls(tenant, change.allowedLogoutUrls);
  });
  return refused ?? { saved: true, tenant: stored };
}
