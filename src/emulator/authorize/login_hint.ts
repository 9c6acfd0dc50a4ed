import type { TestUser } from '../types.js';
import { googleSubject } from '../users.js';

/**
 * The test user a Google login_hint names: by email address (case aside, as Google reads addresses)
 * or by the account's `sub`. Google then skips its account chooser for that account; the consent
 * page preselects it. A hint naming nobody changes nothing here, where Google would prefill its
 * sign-in form: the emulator has no such form.
 */
export function hintedUser(users: Iterable<TestUser>, loginHint: string | undefined): TestUser | undefined {
  if (loginHint === undefined) return undefined;
  const address = loginHint.toLowerCase();
  for (const user of users) {
    if (user.email.toLowerCase() === address || googleSubject(user) === loginHint) return user;
  }
  return undefined;
}
