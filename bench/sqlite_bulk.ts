import type { SessionData } from 'express-session';
import type { User } from '../src/domain/types.js';
import type { SqliteDatabase } from '../src/store/sqlite/database.js';
import { identityKeys, searchTerms } from '../src/store/user_indexing.js';

/**
 * Bulk writes for the scale runs on the embedded store: the same rows the repositories write
 * (src/store/sqlite/user_repository.ts, session_store.ts), many records per transaction and many
 * rows per statement. libsql does not nest transactions, so the repositories' one transaction per
 * record cannot be batched, and a million of them take tens of minutes.
 */

const ROWS_PER_STATEMENT = 200;

export function insertUsers(db: SqliteDatabase, users: readonly User[]): void {
  const userRows: unknown[][] = [];
  const identityRows: unknown[][] = [];
  const termRows: unknown[][] = [];
  const perTenant = new Map<string, number>();
  for (const record of users) {
    userRows.push([record.tenant, record.userId, record.createdAt, JSON.stringify(record)]);
    for (const { connection, upstreamId } of identityKeys(record)) identityRows.push([record.tenant, connection, upstreamId, record.userId]);
    for (const text of searchTerms(record)) termRows.push([record.tenant, text, record.userId]);
    perTenant.set(record.tenant, (perTenant.get(record.tenant) ?? 0) + 1);
  }
  const count = db.prepare('INSERT INTO user_counts (tenant, count) VALUES (?, ?) ON CONFLICT (tenant) DO UPDATE SET count = count + excluded.count');
  db.transaction(() => {
    insertRows(db, 'users (tenant, user_id, created_at, doc)', userRows);
    insertRows(db, 'user_identities (tenant, connection, upstream_id, user_id)', identityRows);
    insertRows(db, 'user_search_terms (tenant, term, user_id)', termRows);
    for (const [tenant, added] of perTenant) count.run(tenant, added);
  }).immediate();
}

export function insertSessions(db: SqliteDatabase, sessions: ReadonlyArray<readonly [sid: string, data: SessionData]>): void {
  const rows = sessions.map(([sid, data]) => {
    const expires = data.cookie?.expires;
    return [sid, JSON.stringify(data), expires ? new Date(expires).getTime() : Date.now() + (data.cookie?.maxAge ?? 86_400_000)];
  });
  db.transaction(() => insertRows(db, 'sessions (sid, sess, expires_at)', rows)).immediate();
}

/** INSERT INTO `table` with up to ROWS_PER_STATEMENT rows per statement (all rows of equal width). */
function insertRows(db: SqliteDatabase, table: string, rows: readonly unknown[][]): void {
  const width = rows[0]?.length ?? 0;
  const placeholders = (count: number): string => Array.from({ length: count }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');
  const full = db.prepare(`INSERT INTO ${table} VALUES ${placeholders(ROWS_PER_STATEMENT)}`);
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const statement = chunk.length === ROWS_PER_STATEMENT ? full : db.prepare(`INSERT INTO ${table} VALUES ${placeholders(chunk.length)}`);
    statement.run(...chunk.flat());
  }
}
