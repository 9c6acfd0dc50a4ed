import { randomBytes } from 'node:crypto';
import type { AdminAccount } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

/**
 * Adding an admin to a tenant. There is no mail server, so a new admin gets a one-time link to set
 * their password (a `ticket` record, single use, 72 h), which the inviting admin passes on.
 */

export const SET_PASSWORD_TICKET_TTL_SECONDS = 72 * 3600;

export interface SetPasswordTicket {
  purpose: 'admin_set_password';
  email: string;
  /** The inviting admin, for the record. */
  invitedBy: string;
}

export type InvitationResult =
  | { kind: 'added_existing' }
  | { kind: 'already_admin' }
  | { kind: 'invited'; ticket: string };

export async function inviteAdmin(store: Store, tenant: string, email: string, invitedBy: string): Promise<InvitationResult> {
  const existing = await store.admins.get(email);
  if (existing?.tenants.includes(tenant)) return { kind: 'already_admin' };
  if (existing) {
    await store.admins.update({ ...existing, tenants: [...existing.tenants, tenant] });
    if (existing.passwordHash) return { kind: 'added_existing' };
  } else {
    const admin: AdminAccount = { email, tenants: [tenant], createdAt: new Date().toISOString() };
    await store.admins.create(admin);
  }
  return { kind: 'invited', ticket: await issueSetPasswordTicket(store, email, invitedBy) };
}

async function issueSetPasswordTicket(store: Store, email: string, invitedBy: string): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  const record: SetPasswordTicket = { purpose: 'admin_set_password', email, invitedBy };
  await store.ephemeral.put('ticket', ticket, record, SET_PASSWORD_TICKET_TTL_SECONDS);
  return ticket;
}

/** The ticket's record without using it up; undefined when unknown, expired, used or not a set-password ticket. */
export async function peekSetPasswordTicket(store: Store, ticket: string): Promise<SetPasswordTicket | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return undefined;
  const record = await store.ephemeral.get<SetPasswordTicket>('ticket', ticket);
  return record?.purpose === 'admin_set_password' ? record : undefined;
}

/** Uses the ticket up: of two concurrent uses exactly one gets the record. */
export async function redeemSetPasswordTicket(store: Store, ticket: string): Promise<SetPasswordTicket | undefined> {
  if (!(await peekSetPasswordTicket(store, ticket))) return undefined;
  return store.ephemeral.consume<SetPasswordTicket>('ticket', ticket);
}
