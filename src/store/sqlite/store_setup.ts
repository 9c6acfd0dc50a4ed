import { join } from 'node:path';
import { DATABASE_FILE, type SqliteDatabase } from './database.js';
import { SHORT_LIVED_DATABASE_FILE } from './short_lived_schema.js';
import { writeGateOf } from './write_gate.js';

/**
 * "fitg": the `PRAGMA application_id` (a field of the file's header, written in a transaction like
 * any page) that marks each of the embedded store's files once a start has set the store up. It
 * needs no table, so an older fitgate still opens the files, and `VACUUM INTO` (the backup) keeps it.
 *
 * - On fitgate.db it says the file holds fitgate's data, as `meta:store` does on Redis.
 * - On fitgate-short-lived.db it says that the fitgate.db beside it was set up. That is what tells
 *   a first start from a fitgate.db that was emptied or replaced (`: > fitgate.db`, a copy taken
 *   without its WAL, a zero-byte file from a failed restore): the short-lived file is a different
 *   file, and is left alone by whatever happened to fitgate.db.
 */
export const FITGATE_APPLICATION_ID = 0x66697467;

export function applicationId(db: SqliteDatabase): number {
  const [row] = db.pragma('application_id') as Array<{ application_id: number }>;
  return row?.application_id ?? 0;
}

/**
 * Whether fitgate.db holds fitgate's data: marked, or (a file from before the mark existed, an
 * older backup) holding a tenant. Both are read from pages SQLite has at hand, at start only.
 */
export function holdsFitgateData(durable: SqliteDatabase): boolean {
  if (applicationId(durable) === FITGATE_APPLICATION_ID) return true;
  return durable.prepare('SELECT 1 AS found FROM tenants LIMIT 1').get() !== undefined;
}

/**
 * At every start, before the first-start records are made (bootstrap's markInitialised): refuses a
 * fitgate.db without fitgate's data in a data directory whose short-lived file says it had some,
 * and otherwise marks both files.
 *
 * Why this cannot refuse a genuine first start that stopped half-way: the short-lived file is
 * marked only after fitgate.db's mark has committed, and fitgate.db commits with
 * synchronous=FULL (its WAL fsynced before the commit returns). So a marked short-lived file always
 * has a marked fitgate.db beside it, on disk, unless something outside fitgate emptied or replaced
 * fitgate.db: a start that crashed before fitgate.db's mark left both unmarked (a first start
 * again), one that crashed after it finds fitgate.db marked (bootstrap then makes whatever records
 * are missing). Migrations never mark, so the empty tables of a fitgate.db made anew by an earlier
 * refused start do not turn it into a set-up one.
 */
export async function markSetUp(durable: SqliteDatabase, shortLived: SqliteDatabase, dataDir: string): Promise<void> {
  if (!holdsFitgateData(durable) && applicationId(shortLived) === FITGATE_APPLICATION_ID) throw new DatabaseLostError(dataDir);
  await mark(durable);
  await mark(shortLived);
}

async function mark(db: SqliteDatabase): Promise<void> {
  if (applicationId(db) === FITGATE_APPLICATION_ID) return;
  await writeGateOf(db).run(() => db.pragma(`application_id = ${FITGATE_APPLICATION_ID}`));
}

/**
 * fitgate.db lost what it held, as the short-lived file beside it shows: setting up a new tenant
 * would replace every application's signing keys, clients and users without a word, and say ready.
 * The message is the start's one line.
 */
export class DatabaseLostError extends Error {
  override readonly name = 'DatabaseLostError';

  constructor(readonly dataDir: string) {
    super(
      `${join(dataDir, DATABASE_FILE)} holds no fitgate data, but this FITGATE_DATA_DIR was set up before (${SHORT_LIVED_DATABASE_FILE} says so): ` +
        'fitgate.db was emptied, truncated or replaced, and fitgate will not set up a new tenant, signing keys and admin over it; ' +
        `restore fitgate.db from a backup (docs/operations.md#backup-and-restore), or move ${dataDir} away to start anew`,
    );
  }
}

/**
 * A cluster worker found no set-up database: its primary set the store up and checked it before
 * forking, so the data directory was deleted, emptied or replaced since. Serving it would answer
 * 404 for every tenant beside workers that still serve the old, deleted file.
 */
export class DatabaseNotSetUpError extends Error {
  override readonly name = 'DatabaseNotSetUpError';

  constructor(path: string, missing: boolean) {
    super(
      `${path} ${missing ? 'does not exist' : 'holds no fitgate data'}: a worker serves only the database its primary set up, ` +
        'so the data directory was deleted, emptied or replaced while fitgate runs; ' +
        'restore it from a backup (docs/operations.md#backup-and-restore) and restart fitgate',
    );
  }
}
