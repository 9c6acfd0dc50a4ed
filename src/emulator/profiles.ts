import type { TestUser } from './types.js';
import { firstName, googleSubject, lastName } from './users.js';

/** The resource shapes both upstreams return for a person. */

function ageOn(dateOfBirth: string | undefined, nowMs: number): number {
  if (!dateOfBirth) return 0;
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const now = new Date(nowMs);
  const beforeBirthday =
    now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate());
  return now.getUTCFullYear() - born.getUTCFullYear() - (beforeBirthday ? 1 : 0);
}

/** GET /1/user/-/profile.json → `user`. Fitbit never returns an email address here. */
export function fitbitProfile(user: TestUser, nowMs: number): Record<string, unknown> {
  return {
    encodedId: user.legacyUserId,
    displayName: user.displayName,
    fullName: user.fullName,
    firstName: firstName(user),
    lastName: lastName(user),
    avatar: user.avatar,
    avatar150: user.avatar.replace(/_100\./, '_150.'),
    avatar640: user.avatar.replace(/_100\./, '_640.'),
    memberSince: user.memberSince ?? '2020-01-01',
    gender: user.gender ?? 'NA',
    age: ageOn(user.dateOfBirth, nowMs),
    dateOfBirth: user.dateOfBirth ?? '',
    timezone: user.timezone ?? 'UTC',
    offsetFromUTCMillis: 0,
    locale: user.locale ?? 'en_US',
    distanceUnit: 'METRIC',
    weightUnit: 'METRIC',
    heightUnit: 'METRIC',
    strideLengthWalking: 70.5,
    strideLengthRunning: 98.2,
    averageDailySteps: 8400,
    isChild: false,
    features: { exerciseGoal: true },
    topBadges: [],
  };
}

/** GET /v4/users/me/identity. */
export function healthIdentity(user: TestUser): Record<string, unknown> {
  return { name: 'users/me/identity', legacyUserId: user.legacyUserId, healthUserId: user.healthUserId };
}

/** GET /v4/users/me/profile: no name or email (those come from the id_token / userinfo). */
export function healthProfile(user: TestUser, nowMs: number): Record<string, unknown> {
  return {
    name: 'users/me/profile',
    age: ageOn(user.dateOfBirth, nowMs),
    membershipStartDate: user.memberSince ?? '2020-01-01',
    walkingStrideLengthMm: 705,
    runningStrideLengthMm: 982,
  };
}

/** GET openidconnect.googleapis.com/v1/userinfo: profile claims with `profile`, email with `email`. */
export function googleUserinfo(user: TestUser, email: boolean, profile: boolean): Record<string, unknown> {
  return {
    sub: googleSubject(user),
    ...(profile
      ? { name: user.fullName, given_name: firstName(user), family_name: lastName(user), picture: user.avatar }
      : {}),
    ...(email ? { email: user.email, email_verified: user.emailVerified ?? true } : {}),
  };
}
