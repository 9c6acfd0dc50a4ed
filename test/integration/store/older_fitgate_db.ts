import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import type { Sealer } from '../../../src/domain/ports.js';
import { buildTenant, DEFAULT_TENANT } from '../../../src/domain/tenants.js';
import type { Tenant } from '../../../src/domain/types.js';
import { DATABASE_FILE, migrate } from '../../../src/store/sqlite/database.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SHORT_LIVED_TABLES_MOVED_MIGRATION } from '../../../src/store/sqlite/short_lived_schema.js';

/**
 * The schema version just before the short-lived tables left fitgate.db: sealed values are counted
 * already (what the master key check reads), and the steps still pending drop tables, create
 * others, move rows to the short-lived file and change records.
 */
export const OLDER_SCHEMA_VERSION = MIGRATIONS.indexOf(SHORT_LIVED_TABLES_MOVED_MIGRATION);

/** A session an older fitgate.db still holds itself; the pending steps move it to the short-lived file. */
export const OLDER_SESSION_ID = 'sid-from-an-older-fitgate';

/**
 * Writes `<dataDir>/fitgate.db` as an older fitgate left it: schema OLDER_SCHEMA_VERSION, the
 * default tenant with its signing keys sealed by `sealer`, and one session. WAL mode, as every
 * fitgate.db is, and with its WAL checkpointed: the file alone is the whole of it.
 */
export async function writeOlderFitgateDb(dataDir: string, sealer: Sealer): Promise<Tenant> {
  const tenant = await buildTenant(DEFAULT_TENANT, sealer);
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS.slice(0, OLDER_SCHEMA_VERSION));
    db.prepare('INSERT INTO tenants (name, doc) VALUES (?, ?)').run(tenant.name, JSON.stringify(tenant));
    const session = { cookie: { expires: new Date(Date.now() + 3_600_000).toISOString() } };
    db.prepare('INSERT INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)').run(OLDER_SESSION_ID, JSON.stringify(session), Date.now() + 3_600_000);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return tenant;
}

export interface SchemaOfFile {
  readonly version: number;
  /** Every table, index and trigger, with its SQL. */
  readonly objects: unknown[];
  /** The sessions fitgate.db holds itself (none once they moved: its table is gone then). */
  readonly sessions: string[];
}

/** What an older fitgate needs to find unchanged in a data directory's fitgate.db, read without writing. */
export function schemaOf(dataDir: string): SchemaOfFile {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) throw new Error(`${path} does not exist`);
  const db = new Database(path, { readonly: true });
  try {
    const [row] = db.prepare('PRAGMA user_version').all() as Array<{ user_version: number }>;
    const objects = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
    const hasSessions = objects.some((object) => (object as { name: string }).name === 'sessions');
    const sessions = hasSessions ? (db.prepare('SELECT sid FROM sessions ORDER BY sid').all() as Array<{ sid: string }>).map(({ sid }) => sid) : [];
    return { version: row?.user_version ?? 0, objects, sessions };
  } finally {
    db.close();
  }
}
