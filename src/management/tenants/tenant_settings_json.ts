import type { SessionLifetimes } from '../../domain/session_lifetimes.js';

/** Auth0's tenant settings object, with the fields fitgate keeps: the session lifetimes, in hours. */
export function tenantSettingsJson(lifetimes: SessionLifetimes): Record<string, unknown> {
  return { idle_session_lifetime: lifetimes.idleHours, session_lifetime: lifetimes.absoluteHours };
}
