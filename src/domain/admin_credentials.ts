import { randomInt } from 'node:crypto';
import type { AdminAccount } from './types.js';

/**
 * An admin's credential version. It moves on when the password is set (account page, set-password
 * link, reset on the server) and when a new set-password link replaces the open ones. A dashboard
 * session and a set-password link each remember the version they were made under and stop counting
 * once it has moved on, so one write to the admin record ends them all without having to find them.
 * Records written before the field existed have none, which counts as 0: they keep working.
 */
export function credentialVersionOf(admin: Pick<AdminAccount, 'credentialVersion'>): number {
  return admin.credentialVersion ?? 0;
}

/** The admin with the next credential version; saving it ends every session and link made under the current one. */
export function withNewCredentialVersion(admin: AdminAccount): AdminAccount {
  return { ...admin, credentialVersion: credentialVersionOf(admin) + 1 };
}

/**
 * The credential version a new account starts at: a random point above 2^32. An account can be
 * deleted (removed from its last tenant) and its email invited again; the deleted account's
 * sessions and set-password links cannot be found to be ended, and would count again for the new
 * account once its version reached theirs. From a random start among 2^47, that practically never
 * happens, and versions counted from 0 (records from before this start) never come near it.
 */
export function firstCredentialVersion(): number {
  return 2 ** 32 + randomInt(2 ** 47);
}
