import { createHash } from 'node:crypto';

/**
 * The key a set-password ticket is stored under: its SHA-256 in hex, never the ticket itself, as for
 * refresh tokens. Whoever reads the store (a copy of the data directory, a backup, a Redis dump)
 * then learns no link that sets an admin's password; the link in the URL keeps the raw ticket.
 */
export function setPasswordTicketKey(ticket: string): string {
  return createHash('sha256').update(ticket, 'utf8').digest('hex');
}

/**
 * Whether `text` has a ticket's shape: 32 random bytes in base64url, 43 characters. A stored key of
 * that shape is a raw ticket kept by a fitgate from before the keys were hashed (a hashed key is 64
 * hex digits).
 */
export function looksLikeTicket(key: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(key);
}
