import { createHash } from 'node:crypto';
import type { TestUser } from './types.js';

/** Google account ids are 21 digits; derive a stable one from the login when the seed gives none. */
export function googleSubject(user: TestUser): string {
  if (user.googleSub) return user.googleSub;
  const digits = BigInt('0x' + createHash('sha256').update(user.login).digest('hex').slice(0, 16)).toString();
  return ('1' + digits.padStart(20, '0')).slice(0, 21);
}

export function firstName(user: TestUser): string {
  return user.firstName ?? user.fullName.split(' ')[0] ?? user.fullName;
}

export function lastName(user: TestUser): string {
  return user.lastName ?? user.fullName.split(' ').slice(1).join(' ');
}
