import { updateAdmin, withTenant } from '../../domain/admin_updates.js';
import { AlreadyExistsError } from '../../domain/ports.js';
import type { AdminAccount } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { issueSetPasswordTicket } from './set_password_tickets.js';

/**
 * Adding an admin to a tenant. Someone new gets an account and a one-time link to set their
 * password (set_password_tickets.ts), which the inviting admin passes on. Someone who already has an
 * account, with a password or still waiting to set one, only gains the tenant: the password opens
 * every tenant of the account, so a link handed to this tenant's admin would open the others too.
 */

export type InvitationResult =
  | { kind: 'already_admin' }
  | { kind: 'added_existing' }
  /** The account has not set its password yet; the link it was given stands. */
  | { kind: 'added_pending' }
  | { kind: 'invited'; ticket: string };

export async function inviteAdmin(store: Store, tenant: string, email: string, invitedBy: string): Promise<InvitationResult> {
  const existing = await store.admins.get(email);
  if (existing?.tenants.includes(tenant)) return { kind: 'already_admin' };
  if (existing) {
    // Added to the account as it is at the write (a password set meanwhile stays); when another
    // invitation added the tenant meanwhile, this one has nothing left to do.
    let added = false;
    const updated = await updateAdmin(store.admins, email, (current) => {
      const next = withTenant(tenant)(current);
      added = next !== current;
      return next;
    });
    if (!added) return { kind: 'already_admin' };
    return { kind: updated.passwordHash ? 'added_existing' : 'added_pending' };
  }
  const admin: AdminAccount = { email, tenants: [tenant], createdAt: new Date().toISOString() };
  try {
    await store.admins.create(admin);
  } catch (error) {
    // Invited from two places at once: the other invitation created the account first, so this one
    // is an invitation of an existing account (and hands out no second link).
    if (error instanceof AlreadyExistsError) return inviteAdmin(store, tenant, email, invitedBy);
    throw error;
  }
  return { kind: 'invited', ticket: await issueSetPasswordTicket(store, admin, invitedBy) };
}
