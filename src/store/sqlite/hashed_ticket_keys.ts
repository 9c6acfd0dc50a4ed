import { looksLikeTicket, setPasswordTicketKey } from '../../domain/set_password_ticket_key.js';
import type { SqliteDatabase } from './database.js';

/**
 * Data step for set-password tickets kept by an earlier fitgate under the raw ticket: each such row
 * of fitgate.db's `ephemeral` table is put back under the ticket's SHA-256 (set_password_ticket_key.ts),
 * with its value and expiry, so the links already handed out keep working and none stays readable
 * in the file. Run at every open: it finds nothing once done, through the table's primary key.
 * secure_delete is on for it, so the pages of the deleted rows are zeroed rather than left in the
 * file's free space. Answers how many tickets it moved.
 */
export function hashRawTicketKeys(db: SqliteDatabase): number {
  const raw = db.prepare("SELECT key FROM ephemeral WHERE kind = 'ticket' AND length(key) = 43").all() as Array<{ key: string }>;
  const tickets = raw.map((row) => row.key).filter(looksLikeTicket);
  if (tickets.length === 0) return 0;
  const [previous] = db.pragma('secure_delete') as Array<{ secure_delete: number }>;
  db.pragma('secure_delete = ON');
  try {
    // Within one write transaction: two processes opening at once move each ticket once.
    return db
      .transaction((): number => {
        let moved = 0;
        for (const ticket of tickets) {
          const copied = db
            .prepare("INSERT OR IGNORE INTO ephemeral (kind, key, value, expires_at) SELECT kind, ?, value, expires_at FROM ephemeral WHERE kind = 'ticket' AND key = ?")
            .run(setPasswordTicketKey(ticket), ticket);
          db.prepare("DELETE FROM ephemeral WHERE kind = 'ticket' AND key = ?").run(ticket);
          moved += copied.changes;
        }
        return moved;
      })
      .immediate();
  } finally {
    db.pragma(`secure_delete = ${previous?.secure_delete ?? 0}`);
  }
}
