import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_SESSION_LIFETIMES,
  HOUR_MS,
  sessionLifetimeProblems,
  sessionLifetimesOf,
  sessionWindow,
  withSessionLifetimes,
} from '../../../src/domain/session_lifetimes.js';
import type { Tenant } from '../../../src/domain/types.js';

const tenant: Tenant = { name: 'acme', domains: [], signingKeys: [], createdAt: '2026-01-01T00:00:00.000Z' };

describe('session lifetime rules', () => {
  it("reads a tenant stored without the settings as Auth0's defaults: 72 hours idle, 168 hours in all", () => {
    expect(sessionLifetimesOf(tenant)).toEqual({ idleHours: 72, absoluteHours: 168 });
    expect(DEFAULT_SESSION_LIFETIMES).toEqual({ idleHours: 72, absoluteHours: 168 });
    expect(sessionLifetimesOf({ idleSessionLifetimeHours: 0.5, sessionLifetimeHours: 2 })).toEqual({ idleHours: 0.5, absoluteHours: 2 });
  });

  it('accepts fractions of an hour down to one minute, and up to 8760 hours', () => {
    expect(sessionLifetimeProblems({ idleHours: 1 / 60, absoluteHours: 8760 })).toEqual([]);
    expect(sessionLifetimeProblems({ idleHours: 0.5, absoluteHours: 0.5 })).toEqual([]);
  });

  it('refuses less than a minute, more than 8760 hours, and what is not a number, naming each field', () => {
    expect(sessionLifetimeProblems({ idleHours: 0.01, absoluteHours: 8761 })).toEqual([
      { field: 'idleHours', kind: 'too_short' },
      { field: 'absoluteHours', kind: 'too_long' },
    ]);
    expect(sessionLifetimeProblems({ idleHours: Number.NaN, absoluteHours: 0 })).toEqual([
      { field: 'idleHours', kind: 'not_a_number' },
      { field: 'absoluteHours', kind: 'too_short' },
    ]);
  });

  it('refuses an idle lifetime longer than the absolute one, and only once both are valid', () => {
    expect(sessionLifetimeProblems({ idleHours: 169, absoluteHours: 168 })).toEqual([{ field: 'idleHours', kind: 'longer_than_absolute' }]);
    expect(sessionLifetimeProblems({ idleHours: 9000, absoluteHours: 168 })).toEqual([{ field: 'idleHours', kind: 'too_long' }]);
  });

  it('writes nothing new for the lifetimes a tenant already has, defaults included', () => {
    expect(withSessionLifetimes(tenant, DEFAULT_SESSION_LIFETIMES)).toBe(tenant);
    expect(withSessionLifetimes(tenant, { idleHours: 1, absoluteHours: 2 })).toMatchObject({ idleSessionLifetimeHours: 1, sessionLifetimeHours: 2 });
  });
});

describe('what the lifetimes leave a session', () => {
  const lifetimes = { idleHours: 2, absoluteHours: 10 };
  const signedInAt = Date.parse('2026-03-01T08:00:00Z');
  const authTimeSeconds = signedInAt / 1000;

  it('gives a session used now its idle lifetime from now', () => {
    expect(sessionWindow(lifetimes, authTimeSeconds, signedInAt + HOUR_MS)).toEqual({ ended: false, maxAgeMs: 2 * HOUR_MS });
  });

  it('never lets the cookie outlive the absolute lifetime, however recently the session was used', () => {
    expect(sessionWindow(lifetimes, authTimeSeconds, signedInAt + 9.5 * HOUR_MS)).toEqual({ ended: false, maxAgeMs: 0.5 * HOUR_MS });
  });

  it('ends a session signed in as long ago as the absolute lifetime, or longer', () => {
    expect(sessionWindow(lifetimes, authTimeSeconds, signedInAt + 10 * HOUR_MS)).toEqual({ ended: true });
    expect(sessionWindow(lifetimes, authTimeSeconds, signedInAt + 200 * HOUR_MS)).toEqual({ ended: true });
  });

  it('ends a session whose sign-in time is not a number', () => {
    expect(sessionWindow(lifetimes, Number.NaN, signedInAt)).toEqual({ ended: true });
  });
});
