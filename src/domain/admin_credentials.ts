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
