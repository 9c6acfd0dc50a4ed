import { withNewCredentialVersion } from '../../domain/admin_credentials.js';
import type { AdminAccount } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { issueSetPasswordTicket } from './set_password_tickets.js';

/**
 * A new set-password link for an admin who has not set a password yet (theirs was lost, or has
 * expired). Whoever holds the link chooses the password of the whole account, so only an admin who
 * manages every tenant of that account may issue one; otherwise the server's
 * `npm run admin -- reset-password EMAIL` is the way. The new link replaces the open ones.
 */

export type LinkRenewal =
  | { kind: 'renewed'; ticket: string }
  /** No account by that email in this tenant waits for a password. */
  | { kind: 'not_pending' }
  /** The account also manages tenants the issuing admin does not. */
  | { kind: 'beyond_your_tenants' };

/** Whether `issuer` may give `admin` a new set-password link. */
export function mayRenewSetPasswordLink(issuer: Pick<AdminAccount, 'tenants'>, admin: AdminAccount): boolean {
  return !admin.passwordHash && admin.tenants.every((tenant) => issuer.tenants.includes(tenant));
}

export async function renewSetPasswordLink(store: Store, tenant: string, email: string, issuer: AdminAccount): Promise<LinkRenewal> {
  const admin = await store.admins.get(email);
  if (!admin?.tenants.includes(tenant) || admin.passwordHash) return { kind: 'not_pending' };
  if (!mayRenewSetPasswordLink(issuer, admin)) return { kind: 'beyond_your_tenants' };
  // A new credential version voids the links issued before, the lost one included.
  const renewed = withNewCredentialVersion(admin);
  await store.admins.update(renewed);
  return { kind: 'renewed', ticket: await issueSetPasswordTicket(store, renewed, issuer.email) };
}
