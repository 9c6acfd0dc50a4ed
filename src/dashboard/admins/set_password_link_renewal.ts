import { withNewCredentialVersion } from '../../domain/admin_credentials.js';
import { updateAdmin } from '../../domain/admin_updates.js';
import { NotFoundInStoreError } from '../../domain/ports.js';
import type { AdminAccount } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { managesEveryTenantOf } from './account_reach.js';
import { issueSetPasswordTicket } from './set_password_tickets.js';

/**
 * A new set-password link for an admin who has not set a password yet (theirs was lost, or has
 * expired). Whoever holds the link chooses the password of the whole account, so only an admin who
 * manages every tenant of that account may issue one (account_reach.ts); otherwise the server's
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
  return !admin.passwordHash && managesEveryTenantOf(issuer, admin);
}

export async function renewSetPasswordLink(store: Store, tenant: string, email: string, issuer: AdminAccount): Promise<LinkRenewal> {
  // Checked on the record as it is at the write: a password set or a tenant added meanwhile can take
  // away the reason for a link, or the issuer's right to give one.
  let refusal: LinkRenewal | undefined;
  let renewed: AdminAccount;
  try {
    // A new credential version voids the links issued before, the lost one included.
    renewed = await updateAdmin(store.admins, email, (current) => {
      refusal = renewalRefusal(tenant, current, issuer);
      return refusal ? current : withNewCredentialVersion(current);
    });
  } catch (error) {
    if (error instanceof NotFoundInStoreError) return { kind: 'not_pending' };
    throw error;
  }
  if (refusal) return refusal;
  return { kind: 'renewed', ticket: await issueSetPasswordTicket(store, renewed, issuer.email) };
}

function renewalRefusal(tenant: string, admin: AdminAccount, issuer: AdminAccount): LinkRenewal | undefined {
  if (!admin.tenants.includes(tenant) || admin.passwordHash) return { kind: 'not_pending' };
  if (!mayRenewSetPasswordLink(issuer, admin)) return { kind: 'beyond_your_tenants' };
  return undefined;
}
