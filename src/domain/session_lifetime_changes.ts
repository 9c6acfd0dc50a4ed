import type { TenantRepository } from './ports.js';
import { sessionLifetimeProblems, sessionLifetimesOf, withSessionLifetimes, type LifetimeProblem, type SessionLifetimes } from './session_lifetimes.js';
import { updateTenant } from './tenant_updates.js';

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
    const before = sessionLifetimesOf(current);
    const lifetimes = { idleHours: change.idleHours ?? before.idleHours, absoluteHours: change.absoluteHours ?? before.absoluteHours };
    const problems = sessionLifetimeProblems(lifetimes);
    outcome = problems.length > 0 ? { saved: false, lifetimes, problems } : { saved: true, lifetimes };
    return problems.length > 0 ? current : withSessionLifetimes(current, lifetimes);
  });
  if (!outcome) throw new Error('the change never ran');
  return outcome;
}
