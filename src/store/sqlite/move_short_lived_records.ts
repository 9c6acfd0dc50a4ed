import { BUSY_TIMEOUT_MS, OPEN_BUSY_TIMEOUT_MS, type SqliteDatabase } from './database.js';
import { DURABLE_EPHEMERAL_KINDS, MOVED_TABLES } from './short_lived_schema.js';

/**
 * Copies the short-lived rows of a fitgate.db written before the split into the short-lived file,
 * so an upgrade keeps people signed in and logins in flight. In two halves, because fitgate.db's
 * migrations stay uncommitted until the start is known not to be refused (SqliteStore.openChecked),
 * and a refused start must neither create the short-lived file nor write to it:
 *
 * - stashShortLivedRecords, inside the migration just before the step that drops them, keeps the
 *   rows in TEMP tables of fitgate.db's connection: a rollback takes them back with the rest, and
 *   SQLite holds them in its cache, spilling a large stash to a temporary file of its own outside
 *   the data directory rather than into the process's memory;
 * - moveStashedRecords, once the start goes on, copies them into the short-lived file and commits
 *   there before fitgate.db commits the drop. INSERT OR REPLACE makes a copy whose drop a crash left
 *   uncommitted safe to run again at the next start.
 */
export function stashShortLivedRecords(durable: SqliteDatabase): void {
  const durableKinds = [...DURABLE_EPHEMERAL_KINDS].map((kind) => `'${kind}'`).join(', ');
  const copies = [
    ...MOVED_TABLES.map((table) => ({ table, select: `SELECT * FROM ${table}` })),
    { table: 'ephemeral', select: `SELECT * FROM ephemeral WHERE kind NOT IN (${durableKinds})` },
  ];
  for (const { table, select } of copies) durable.exec(`CREATE TEMP TABLE ${stashOf(table)} AS ${select}`);
}

/**
 * The second half (above). The store is still opening, so the short-lived file waits for its lock
 * as long as opening does; fitgate.db's write lock is held all along (always that one first).
 */
export function moveStashedRecords(durable: SqliteDatabase, shortLived: SqliteDatabase): void {
  shortLived.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
  try {
    copyInOneTransaction(durable, shortLived);
  } finally {
    shortLived.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
  for (const table of STASHED_TABLES) durable.exec(`DROP TABLE temp.${stashOf(table)}`);
}

const STASHED_TABLES = [...MOVED_TABLES, 'ephemeral'] as const;

function stashOf(table: string): string {
  return `moving_${table}`;
}

function copyInOneTransaction(durable: SqliteDatabase, shortLived: SqliteDatabase): void {
  shortLived
    .transaction(() => {
      for (const table of STASHED_TABLES) {
        const rows = durable.prepare(`SELECT * FROM temp.${stashOf(table)}`).iterate() as IterableIterator<Record<string, unknown>>;
        let insert: ReturnType<SqliteDatabase['prepare']> | undefined;
        for (const row of rows) {
          const columns = Object.keys(row);
          insert ??= shortLived.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
          insert.run(columns.map((column) => row[column]));
        }
      }
    })
    .immediate();
}
