import type { SqliteDatabase } from './database.js';
import { writeGateOf } from './write_gate.js';

/** Rows deleted per statement: each is its own short write, so requests' writes get in between. */
const SWEEP_BATCH = 1000;

/**
 * Deletes the log events of every tenant dated before `before`, through the (tenant, date) index,
 * a batch at a time, each through the file's WriteGate (a lock held elsewhere is waited for with the
 * event loop free). Dates are stored as ISO 8601 UTC strings, which sort as the times they name.
 */
export async function deleteLogsOlderThan(db: SqliteDatabase, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  const gate = writeGateOf(db);
  const tenants = db.prepare('SELECT name FROM tenants').all() as Array<{ name: string }>;
  const remove = db.prepare('DELETE FROM logs WHERE seq IN (SELECT seq FROM logs WHERE tenant = ? AND date < ? LIMIT ?)');
  let deleted = 0;
  for (const { name } of tenants) {
    for (;;) {
      const changes = await gate.write(() => remove.run(name, cutoff, SWEEP_BATCH).changes);
      deleted += changes;
      if (changes < SWEEP_BATCH) break;
    }
  }
  return deleted;
}
