import type { User } from '../../domain/types.js';
import type { SqliteDatabase } from './database.js';
import { docsOf } from './sql_support.js';
import { writeGateOf } from './write_gate.js';

/** Users indexed per transaction, so other writers get the lock in between. */
const BACKFILL_BATCH = 1000;

/**
 * Indexes the field terms of a tenant's users stored before the field index existed, once per
 * tenant (the first structured search does it). Each batch reads and indexes in one write
 * transaction, so a user changed or deleted by another process is indexed as it is now; each goes
 * through the file's WriteGate, so a lock held elsewhere is waited for with the event loop free.
 */
export async function backfillFieldTerms(db: SqliteDatabase, tenant: string, index: (user: User) => void): Promise<void> {
  if (db.prepare('SELECT 1 FROM user_field_terms_complete WHERE tenant = ?').get(tenant)) return;
  const gate = writeGateOf(db);
  const batch = db.prepare('SELECT user_id, doc FROM users WHERE tenant = ? AND user_id > ? ORDER BY user_id LIMIT ?');
  const indexAfter = db.transaction((after: string): string | undefined => {
    const rows = batch.all(tenant, after, BACKFILL_BATCH) as Array<{ user_id: string }>;
    for (const user of docsOf<User>(rows)) index(user);
    return rows.length < BACKFILL_BATCH ? undefined : rows[rows.length - 1]?.user_id;
  });
  for (let after: string | undefined = ''; after !== undefined; ) {
    const from: string = after;
    after = await gate.write(() => indexAfter.immediate(from));
  }
  await gate.write(() => db.prepare('INSERT OR IGNORE INTO user_field_terms_complete (tenant) VALUES (?)').run(tenant));
}
