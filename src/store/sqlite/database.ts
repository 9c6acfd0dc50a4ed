import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { makeDirectory } from '../../config/make_directory.js';
import { namingDamagedFile } from './damaged_file.js';
import { namingDiskFailure } from './disk_failures.js';
import { lockConflictOf, SqliteFileLockedError } from './lock_conflicts.js';
import { reportExecLocks, reportLocksOf } from './locks_as_unavailable.js';
import { MIGRATIONS } from './migrations.js';
import { rollBackOnlyOpenTransactions } from './transactions.js';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'fitgate.db';

/**
 * How long a statement waits, synchronously, for another process's write lock once the database is
 * open (SQLite's busy handler, which sleeps with the event loop blocked). Enough for a peer's commit:
 * with several workers on one file a write routinely waits a few milliseconds for another worker's
 * commit, which on fitgate.db includes an fsync (measured on this project's 2-core machine under load:
 * 1.5-3 ms typical, 9 ms at the 99th percentile, 20-50 ms at worst). A write still locked out then
 * waits on with the event loop free (write_gate.ts), up to LOCK_WAIT_MS in all, and is answered 503
 * temporarily_unavailable past that. Opening waits longer (OPEN_BUSY_TIMEOUT_MS).
 */
export const BUSY_TIMEOUT_MS = 50;

/** The busy wait while opening: a migration in another process may hold the lock for a while, and nothing is served yet. */
export const OPEN_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) `<dataDir>/fitgate.db` and brings its schema up to date.
 *
 * Durability: WAL journal, and every change is one transaction. A commit returns only after its
 * frames were written to the WAL file, so the kernel holds them even if the process is killed
 * (kill -9) a microsecond later; on the next open SQLite replays committed frames and ignores a
 * torn, uncommitted tail, so nothing committed is lost and the file is never corrupt.
 * synchronous=FULL also fsyncs the WAL at each commit, so the same holds after a power cut or
 * kernel panic, not only a process crash (NORMAL would only risk the last commits on power loss,
 * but an identity service would rather pay one fsync per write than forget a rotated token).
 */
export function openDatabase(dataDir: string, options: MigrationOptions = {}): SqliteDatabase {
  return openSqliteFile(dataDir, { file: DATABASE_FILE, synchronous: 'FULL', foreignKeys: true, migrations: MIGRATIONS }, options);
}

/** One of the embedded store's files: fitgate.db, or the short-lived file (short_lived_database.ts). */
export interface SqliteFile {
  /** Its name in the data directory. */
  readonly file: string;
  /** FULL where a commit must survive a power cut, NORMAL where surviving a killed process is enough. */
  readonly synchronous: 'FULL' | 'NORMAL';
  readonly foreignKeys?: boolean;
  readonly migrations: readonly string[];
}

/**
 * How much of each file SQLite reads through a memory map instead of read() calls: a page read is
 * then a memory access, without a system call and a copy into SQLite's own cache (0.5-4.5 % of the
 * CPU of a login on this store in five bench:compare runs, all one way). Writes still go through
 * the WAL, so durability is unchanged. The pages are the kernel's page cache, shared by every
 * worker that maps the file; they count in each process's RSS as file-backed memory.
 */
export const MEMORY_MAP_BYTES = 256 * 1024 * 1024;

/** Opens (creating if needed) `<dataDir>/<file>` in WAL mode and brings its schema up to date. */
export function openSqliteFile(dataDir: string, spec: SqliteFile, options: MigrationOptions = {}): SqliteDatabase {
  makeDirectory(dataDir, DATA_DIRECTORY_MODE);
  const path = join(dataDir, spec.file);
  keepOwnerOnly(path);
  const db = new Database(path);
  try {
    rollBackOnlyOpenTransactions(db);
    // First: other processes on the same file (workers, a second instance, a CLI) may be writing.
    db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${spec.synchronous}`);
    db.pragma(`mmap_size = ${MEMORY_MAP_BYTES}`);
    if (spec.foreignKeys) db.pragma('foreign_keys = ON');
    migrate(db, spec.migrations, options);
    cacheStatements(db, (statement, forget) => reportLocksOf(statement, path, db, forget));
    reportExecLocks(db, path);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    // libsql's close() may leave the connection (and an uncommitted migration's lock) open.
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    const conflict = lockConflictOf(error);
    if (conflict) throw new SqliteFileLockedError(path, `waited ${OPEN_BUSY_TIMEOUT_MS / 1000} s`, { cause: conflict });
    throw namingDiskFailure(namingDamagedFile(error, path), path);
  }
}

/** The data directory's mode when fitgate creates it: its owner's only (it holds password hashes and the keys). */
export const DATA_DIRECTORY_MODE = 0o700;

/** The suffixes of the files SQLite keeps beside a database in WAL mode. */
const COMPANION_SUFFIXES = ['-wal', '-shm'] as const;

/**
 * Makes `path` and the files beside it (-wal, -shm) readable and writable by their owner only: they
 * hold password hashes, users' details and pending records. A missing database is created empty
 * (SQLite opens an empty file as a new database) with mode 0600 before SQLite ever sees it, because
 * SQLite's unix VFS creates the -wal, -shm and -journal files it makes later with the permission bits
 * of the database file itself, whatever the umask: a 0600 database keeps its companions 0600 for as
 * long as it lives, including those a checkpoint or another process recreates. The process-wide
 * umask is left alone on purpose: it is shared by everything the process (or a library) creates, and
 * tightening it for the duration of an open would race with any other file being written meanwhile.
 * Files from an earlier fitgate (created with the umask's 0644) lose their group and other bits here;
 * one owned by another user cannot be changed by this process and is left as it is (openStore warns
 * about an open data directory).
 */
function keepOwnerOnly(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
    return;
  } catch (error) {
    // A file that exists may still be refused creation with another code (EROFS on a read-only mount).
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' && !existsSync(path)) throw error;
  }
  for (const file of [path, ...COMPANION_SUFFIXES.map((suffix) => path + suffix)]) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats?.isFile() || (stats.mode & 0o077) === 0) continue;
    try {
      chmodSync(file, stats.mode & 0o7700);
    } catch (error) {
      // Another user's file (EPERM), a read-only mount (EROFS), or one removed since (ENOENT): nothing
      // this process can or need do.
      if (!['EPERM', 'EROFS', 'ENOENT'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
}

export interface MigrationOptions {
  /** Runs inside the write transaction of the step from `version`, before its SQL (e.g. to copy rows elsewhere first). */
  beforeStep?: (version: number, db: SqliteDatabase) => void;
  /**
   * Applies every pending step in one write transaction and leaves it open, for the caller to
   * commit once it has checked the migrated file, or to roll back: a start refused then (the master
   * key check) leaves the file at the schema it had, which the fitgate it came from still opens.
   * None is left open when no step was pending, so an ordinary start holds no lock past opening.
   */
  readonly uncommitted?: boolean;
}

/**
 * Applies pending migrations one per transaction (all in one with `uncommitted`). The version is
 * read inside the write transaction, so two processes starting on the same file at once never
 * apply a step twice.
 */
export function migrate(db: SqliteDatabase, migrations: readonly string[], options: MigrationOptions = {}): void {
  const step = (): boolean => {
    const current = schemaVersion(db);
    if (current > migrations.length) {
      throw new Error(
        `the database schema is version ${current}, newer than this fitgate knows (${migrations.length}); upgrade fitgate`,
      );
    }
    const sql = migrations[current];
    if (sql === undefined) return false;
    options.beforeStep?.(current, db);
    db.exec(sql);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  };
  if (options.uncommitted) {
    migrateUncommitted(db, step);
    return;
  }
  const inOwnTransaction = db.transaction(step);
  while (inOwnTransaction.immediate()) {
    // one migration per transaction until none is pending
  }
}

/**
 * The steps run bare in one BEGIN IMMEDIATE: the connection's transaction() does not nest
 * (transactions.ts begins one each time). Nothing in them needs to run outside a transaction:
 * they are DDL and DML, which SQLite takes back whole, user_version included (a field of the
 * header, written like any page); the PRAGMAs that cannot (journal_mode, foreign_keys) are set
 * before, and no step runs VACUUM.
 */
function migrateUncommitted(db: SqliteDatabase, step: () => boolean): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    let applied = false;
    while (step()) applied = true;
    if (!applied) db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export function schemaVersion(db: SqliteDatabase): number {
  const [row] = db.pragma('user_version') as Array<{ user_version: number }>;
  return row?.user_version ?? 0;
}

/**
 * Compiles each SQL text once. The repositories call prepare() per query, which reads well, and
 * compiling was a measurable share of a login's CPU in the benchmark's profile. Reusing a statement
 * is safe here: calls are synchronous, nothing iterates a statement lazily, and nothing switches a
 * statement into raw or pluck mode. Not after a failure: libsql leaves a failed statement as the
 * failure left it (mid-run after a lock, with its old arguments bound), so `compiled` is given
 * `forget`, which drops it from the cache and lets the next prepare() compile the SQL afresh
 * (locks_as_unavailable.ts). The set of SQL texts is fixed by the code, so the cache is bounded.
 * `compiled` sees each new statement once (the store reports its lock errors as 503s).
 */
export function cacheStatements(
  db: SqliteDatabase,
  compiled: (statement: Database.Statement, forget: () => void) => Database.Statement = (statement) => statement,
): void {
  const compile = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      const fresh: Database.Statement = compiled(compile(sql), () => {
        if (statements.get(sql) === fresh) statements.delete(sql);
      });
      statement = fresh;
      statements.set(sql, statement);
    }
    return statement;
  }) as SqliteDatabase['prepare'];
}
