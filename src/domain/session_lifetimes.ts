import type { Tenant } from './types.js';

/**
 * An end user's session at a tenant lasts as Auth0's tenant settings say: `idle_session_lifetime`
 * (how long it may sit unused) and `session_lifetime` (how long after the sign-in it may answer at
 * all), both in hours. The one set of rules for them, used by the Management API
 * (/api/v2/tenants/settings) and the dashboard (the tenant's settings page), so a value one accepts
 * the other accepts too; and what they leave a session (authn/login/session_lifetime.ts).
 */

export interface SessionLifetimes {
  /** idle_session_lifetime. */
  readonly idleHours: number;
  /** session_lifetime: counted from the sign-in, whatever the activity since. */
  readonly absoluteHours: number;
}

/** Auth0's defaults, what a tenant stored before the settings existed has. */
export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = { idleHours: 72, absoluteHours: 168 };

/** One minute: fractions of an hour are allowed (0.5 is 30 minutes), down to this. */
export const MIN_SESSION_LIFETIME_HOURS = 1 / 60;
/** 365 days, Auth0's ceiling. */
export const MAX_SESSION_LIFETIME_HOURS = 8760;

export const HOUR_MS = 60 * 60 * 1000;

export function sessionLifetimesOf(tenant: Pick<Tenant, 'idleSessionLifetimeHours' | 'sessionLifetimeHours'>): SessionLifetimes {
  return {
    idleHours: tenant.idleSessionLifetimeHours ?? DEFAULT_SESSION_LIFETIMES.idleHours,
    absoluteHours: tenant.sessionLifetimeHours ?? DEFAULT_SESSION_LIFETIMES.absoluteHours,
  };
}

/** The tenant with these lifetimes; the tenant itself when they are the ones it has (nothing to write). */
export function withSessionLifetimes(tenant: Tenant, lifetimes: SessionLifetimes): Tenant {
  const current = sessionLifetimesOf(tenant);
  if (current.idleHours === lifetimes.idleHours && current.absoluteHours === lifetimes.absoluteHours) return tenant;
  return { ...tenant, idleSessionLifetimeHours: lifetimes.idleHours, sessionLifetimeHours: lifetimes.absoluteHours };
}

export type LifetimeField = keyof SessionLifetimes;

/**
 * What is wrong with a pair of lifetimes, each surface words it its own way: `not_a_number`
 * (not finite), `too_short` (under a minute), `too_long` (over 8760 hours), `longer_than_absolute`
 * (idle above the absolute lifetime, which it could never reach).
 */
export interface LifetimeProblem {
  readonly field: LifetimeField;
  readonly kind: 'not_a_number' | 'too_short' | 'too_long' | 'longer_than_absolute';
}

/** Every problem of `lifetimes`, idle first; empty when they may be saved. */
export function sessionLifetimeProblems(lifetimes: SessionLifetimes): LifetimeProblem[] {
  const problems: LifetimeProblem[] = [];
  for (const field of ['idleHours', 'absoluteHours'] as const) {
    const kind = hoursProblem(lifetimes[field]);
    if (kind) problems.push({ field, kind });
  }
  // Compared only between two valid values: a bad one is reported for itself, not twice.
  if (problems.length === 0 && lifetimes.idleHours > lifetimes.absoluteHours) problems.push({ field: 'idleHours', kind: 'longer_than_absolute' });
  return problems;
}

/** Why `hours` cannot be a session lifetime on its own, or undefined when it can. */
export function hoursProblem(hours: number): Exclude<LifetimeProblem['kind'], 'longer_than_absolute'> | undefined {
  if (!Number.isFinite(hours)) return 'not_a_number';
  if (hours < MIN_SESSION_LIFETIME_HOURS) return 'too_short';
  if (hours > MAX_SESSION_LIFETIME_HOURS) return 'too_long';
  return undefined;
}

/**
 * What the lifetimes leave of a session signed in at `authTimeSeconds` (the id_token's auth_time),
 * used at `nowMs`: ended, or how long its cookie and stored copy may live from now on (the idle
 * lifetime, renewed at each use, but never past the absolute end). How long it sat unused is the
 * store's to enforce: it forgets a session once the expiry its last use set has passed.
 */
export function sessionWindow(lifetimes: SessionLifetimes, authTimeSeconds: number, nowMs: number): { ended: true } | { ended: false; maxAgeMs: number } {
  const untilAbsolute = authTimeSeconds * 1000 + lifetimes.absoluteHours * HOUR_MS - nowMs;
  // An authTime that is not a number (a damaged record) fails the comparison: ended.
  if (!(untilAbsolute > 0)) return { ended: true };
  return { ended: false, maxAgeMs: Math.floor(Math.min(lifetimes.idleHours * HOUR_MS, untilAbsolute)) };
}
