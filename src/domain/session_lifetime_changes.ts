import type { TenantRepository } from './ports.js';
import { sessionLifetimeProblems, sessionLifetimesOf, withSessionLifetimes, type LifetimeProblem, type SessionLifetimes } from './session_lifetimes.js';
import { updateTenant } from './tenant_updates.js';
import type { Tenant } from './types.js';

/** Either lifetime, or both; one left out keeps the tenant's. */
export type SessionLifetimesChange = Partial<SessionLifetimes>;

export type SessionLifetimesOutcome =
  | { saved: true; lifetimes: SessionLifetimes }
  /** Nothing written: the lifetimes the change would have made, and what is wrong with them. */
  | { saved: false; lifetimes: SessionLifetimes; problems: LifetimeProblem[] };

/**
 * Sets a tenant's session lifetimes, from the dashboard or the Management API: the change is applied
 * to the tenant as stored and checked together with the lifetime it leaves alone (an idle lifetime
 * may not exceed the absolute one, whichever of the two a request changes). Throws
 * NotFoundInStoreError when the tenant is gone.
 */
export async function changeSessionLifetimes(
  tenants: Pick<TenantRepository, 'getStored' | 'update'>,
  name: string,
  change: SessionLifetimesChange,
): Promise<SessionLifetimesOutcome> {
  let outcome = undefined as SessionLifetimesOutcome | undefined;
  await updateTenant(tenants, name, (current) => {
    const applied = applySessionLifetimes(current, change);
    outcome = applied.outcome;
    return applied.tenant;
  });
  if (!outcome) throw new Error('the change never ran');
  return outcome;
}

/**
 * `change` applied to `current` and checked: the tenant to write (`current` itself when the change
 * is refused or changes nothing) and the outcome. Only computes, so an updateTenant change that sets
 * other settings in the same write may use it (tenant_settings_changes.ts).
 */
export function applySessionLifetimes(current: Tenant, change: SessionLifetimesChange): { tenant: Tenant; outcome: SessionLifetimesOutcome } {
  const before = sessionLifetimesOf(current);
  const lifetimes = { idleHours: change.idleHours ?? before.idleHours, absoluteHours: change.absoluteHours ?? before.absoluteHours };
  const problems = sessionLifetimeProblems(lifetimes);
  if (problems.length > 0) return { tenant: current, outcome: { saved: false, lifetimes, problems } };
  return { tenant: withSessionLifetimes(current, lifetimes), outcome: { saved: true, lifetimes } };
}
