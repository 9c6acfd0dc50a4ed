import { randomBytes } from 'node:crypto';
import { credentialVersionOf } from '../../domain/admin_credentials.js';
import { looksLikeTicket, setPasswordTicketKey } from '../../domain/set_password_ticket_key.js';
import type { AdminAccount } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

/**
 * One-time links to set a first password (a `ticket` record, single use, 72 h). There is no mail
 * server, so the admin who issues one passes it on. A ticket is bound to the account's credential
 * version when it was issued: once a password is set (through this link or any other way) or a newer
 * link is issued, the version has moved on and every other open link of the account stops working.
 * The store keeps the ticket's SHA-256 only (set_password_ticket_key.ts): the link itself is nowhere
 * but in the URL handed on.
 */

export const SET_PASSWORD_TICKET_TTL_SECONDS = 72 * 3600;

export interface SetPasswordTicket {
  purpose: 'admin_set_password';
  email: string;
  /** The admin who issued it, for the record. */
  invitedBy: string;
  /** The account's credential version at issue. Tickets from before versions have none and are refused. */
  credentialVersion?: number;
}

export async function issueSetPasswordTicket(store: Store, admin: AdminAccount, issuedBy: string): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  const record: SetPasswordTicket = { purpose: 'admin_set_password', email: admin.email, invitedBy: issuedBy, credentialVersion: credentialVersionOf(admin) };
  await store.ephemeral.put('ticket', setPasswordTicketKey(ticket), record, SET_PASSWORD_TICKET_TTL_SECONDS);
  return ticket;
}

/**
 * The admin whose password the ticket sets, without using it up; undefined when the ticket is
 * unknown, expired, used, not a set-password ticket, or replaced (see above).
 */
export async function peekSetPasswordTicket(store: Store, ticket: string): Promise<AdminAccount | undefined> {
  if (!looksLikeTicket(ticket)) return undefined;
  const record = await store.ephemeral.get<SetPasswordTicket>('ticket', setPasswordTicketKey(ticket));
  return record?.purpose === 'admin_set_password' ? adminStillWaitingFor(store, record) : undefined;
}

/**
 * Removes a ticket whose password has been set. Only tidying: the password write moved the account's
 * credential version on, which already voids the ticket (and settles two concurrent uses: the second
 * write finds the version moved and changes nothing). So the ticket is removed after that write,
 * never before: a write that fails on the store's side leaves the link working for another try.
 */
export async function dropSetPasswordTicket(store: Store, ticket: string): Promise<void> {
  await store.ephemeral.delete('ticket', setPasswordTicketKey(ticket));
}

/** The ticket's admin while it has no password and the ticket was issued under its current credential version. */
async function adminStillWaitingFor(store: Store, record: SetPasswordTicket): Promise<AdminAccount | undefined> {
  const admin = await store.admins.get(record.email);
  return admin && !admin.passwordHash && record.credentialVersion === credentialVersionOf(admin) ? admin : undefined;
}
