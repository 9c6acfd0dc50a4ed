import type { TenantRepository } from './ports.js';
import { changeStored } from './record_revisions.js';
import type { Tenant } from './types.js';

/**
 * Every change to a stored tenant comes through here: a signing key rotated or revoked, its session
 * lifetimes set (from the dashboard or the Management API). Reads the tenant as stored (never the
 * process's cache, which another worker's write reaches only after a moment), applies `change` and
 * stores the result at the revision it read; when another write landed in between
 * (StaleRecordError), reads again and applies `change` to that, so both writes count: a settings
 * change on one worker during a rotation on another keeps the new keys.
 *
 * `change` may run several times and must only compute (it may throw to refuse: nothing is
 * written); it returns `current` itself to write nothing. Resolves with the tenant as stored.
 * Throws NotFoundInStoreError when there is no such tenant, RecordBusyError when the retries ran out.
 */
export function updateTenant(
  tenants: Pick<TenantRepository, 'getStored' | 'update'>,
  name: string,
  change: (current: Tenant) => Tenant,
): Promise<Tenant> {
  return changeStored(`tenant ${name}`, () => tenants.getStored(name), (tenant) => tenants.update(tenant), change);
}
