import { BUSY_TIMEOUT_MS, OPEN_BUSY_TIMEOUT_MS, type SqliteDatabase } from './database.js';
import { DURABLE_EPHEMERAL_KINDS, MOVED_TABLES } from './short_lived_schema.js';

/**
 * Copies the short-lived rows of a fitgate.db written before the split into the short-lived file,
 * so an upgrade keeps people signed in and logins in flight. Runs inside fitgate.db's migration
 * transaction, just before the step that drops them; INSERT OR REPLACE makes a copy interrupted by
 * a crash (the drop not yet committed) safe to run again at the next start. The store is still
 * opening, so the short-lived file (open already) waits for its lock as long as opening does.
 */
export function moveShortLivedRecords(durable: SqliteDatabase, shortLived: SqliteDatabase): void {
  const durableKinds = [...DURABLE_EPHEMERAL_KINDS];
  const copies: Array<{ table: string; select: string; params: string[] }> = [
    ...MOVED_TABLES.map((table) => ({ table, select: `SELECT * FROM ${table}`, params: [] })),
    {
      table: 'ephemeral',
      select: `SELECT * FROM ephemeral WHERE kind NOT IN (${durableKinds.map(() => '?').join(', ')})`,
      params: durableKinds,
    },
  ];
  shortLived.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
  try {
    copyInOneTransaction(durable, shortLived, copies);
  } finally {
    shortLived.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

function copyInOneTransaction(
  durable: SqliteDatabase,
  shortLived: SqliteDatabase,
  copies: ReadonlyArray<{ table: string; select: string; params: string[] }>,
): void {
  shortLived
    .transaction(() => {
      for (const { table, select, params } of copies) {
        const rows = durable.prepare(select).iterate(params) as IterableIterator<Record<string, unknown>>;
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
