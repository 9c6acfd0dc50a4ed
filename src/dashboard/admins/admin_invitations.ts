import { firstCredentialVersion, withNewCredentialVersion } from '../../domain/admin_credentials.js';
import { updateAdmin, withTenant } from '../../domain/admin_updates.js';
import { AlreadyExistsError, NotFoundInStoreError } from '../../domain/ports.js';
import type { AdminAccount } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { managesEveryTenantOf } from './account_reach.js';
import { issueSetPasswordTicket } from './set_password_tickets.js';

/**
 * Adding an admin to a tenant. Someone new gets an account and a one-time link to set their
 * password (set_password_tickets.ts), which the inviting admin passes on. An account that exists
 * already has one password for all its tenants, chosen by whoever held one of its links: it gains
 * the tenant only from an admin who manages every tenant it has (account_reach.ts). Otherwise the
 * tenant would open to a password, or a link, that someone outside it chose or holds: an admin of
 * another tenant could invite the email first, keep the link, and wait.
 */

export type InvitationResult =
  | { kind: 'already_admin' }
  | { kind: 'added_existing' }
  /** The account has not set its password yet: a new link, and the links given before no longer work. */
  | { kind: 'added_pending'; ticket: string }
  /** The account has tenants the inviter does not manage: nothing changed. */
  | { kind: 'beyond_your_tenants' }
  | { kind: 'invited'; ticket: string };

/** The admin who invites: the email goes on the link's record, the tenants decide what they may add. */
export type Inviter = Pick<AdminAccount, 'email' | 'tenants'>;

export async function inviteAdmin(store: Store, tenant: string, email: string, inviter: Inviter): Promise<InvitationResult> {
  const existing = await store.admins.get(email);
  if (existing?.tenants.includes(tenant)) return { kind: 'already_admin' };
  if (existing) {
    try {
      return await addTenantToAccount(store, tenant, email, inviter);
    } catch (error) {
      // Removed from its last tenant, and so deleted, since the read: invited as someone new.
      if (error instanceof NotFoundInStoreError) return inviteAdmin(store, tenant, email, inviter);
      throw error;
    }
  }
  const admin: AdminAccount = { email, tenants: [tenant], createdAt: new Date().toISOString(), credentialVersion: firstCredentialVersion() };
  try {
    await store.admins.create(admin);
  } catch (error) {
    // Invited from two places at once: the other invitation created the account first, so this one
    // is an invitation of an existing account, under the same rule.
    if (error instanceof AlreadyExistsError) return inviteAdmin(store, tenant, email, inviter);
    throw error;
  }
  return { kind: 'invited', ticket: await issueSetPasswordTicket(store, admin, inviter.email) };
}

async function addTenantToAccount(store: Store, tenant: string, email: string, inviter: Inviter): Promise<InvitationResult> {
  // Checked and applied on the account as it is at the write: a password set meanwhile stays, a
  // tenant added meanwhile counts for the rule, and when another invitation added this tenant
  // meanwhile, this one has nothing left to do.
  let refusal: InvitationResult | undefined;
  const updated = await updateAdmin(store.admins, email, (current) => {
    refusal = additionRefusal(tenant, current, inviter);
    if (refusal) return current;
    const added = withTenant(tenant)(current);
    // The open links of an account still waiting were handed out before it reached this tenant, by
    // whoever invited it then: a new credential version voids them, and the inviter passes on the
    // one link that works. An account with a password keeps it, and its sessions.
    return added.passwordHash ? added : withNewCredentialVersion(added);
  });
  if (refusal) return refusal;
  if (updated.passwordHash) return { kind: 'added_existing' };
  return { kind: 'added_pending', ticket: await issueSetPasswordTicket(store, updated, inviter.email) };
}

function additionRefusal(tenant: string, account: AdminAccount, inviter: Inviter): InvitationResult | undefined {
  if (account.tenants.includes(tenant)) return { kind: 'already_admin' };
  if (!managesEveryTenantOf(inviter, account)) return { kind: 'beyond_your_tenants' };
  return undefined;
}
