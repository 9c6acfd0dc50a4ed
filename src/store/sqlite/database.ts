import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE = 'fitgate.db';

/**
 * How long a statement waits for another process's write lock (SQLite's busy handler) once the
 * database is open. The wait blocks the event loop, so it stays short: past it the statement fails
 * with SQLITE_BUSY and the request is answered 503 temporarily_unavailable. Opening waits longer,
 * since a migration in another process may hold the lock for a while.
 */
export const BUSY_TIMEOUT_MS = 1000;

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
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, spec.file));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${spec.synchronous}`);
    db.pragma(`mmap_size = ${MEMORY_MAP_BYTES}`);
    if (spec.foreignKeys) db.pragma('foreign_keys = ON');
    // Other processes on the same file (a second instance, a CLI) wait for the write lock instead of failing.
    db.pragma('busy_timeout = 5000');
    migrate(db, spec.migrations, options);
    cacheStatements(db);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface MigrationOptions {
  /** Runs inside the write transaction of the step from `version`, before its SQL (e.g. to copy rows elsewhere first). */
  beforeStep?: (version: number, db: SqliteDatabase) => void;
}

/**
 * Applies pending migrations one per transaction. The version is read inside each write
 * transaction, so two processes starting on the same file at once never apply a step twice.
 */
export function migrate(db: SqliteDatabase, migrations: readonly string[], options: MigrationOptions = {}): void {
  const step = db.transaction((): boolean => {
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
  });
  while (step.immediate()) {
    // one migration per transaction until none is pending
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
 * statement into raw or pluck mode. The set of SQL texts is fixed by the code, so the cache is
 * bounded.
 */
export function cacheStatements(db: SqliteDatabase): void {
  const compile = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = compile(sql);
      statements.set(sql, statement);
    }
    return statement;
  }) as SqliteDatabase['prepare'];
}
