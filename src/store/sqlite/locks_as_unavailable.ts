import type Database from 'libsql';
import { StoreUnavailableError } from '../../errors/index.js';
import type { SqliteDatabase } from './database.js';
import { namingDamagedFile } from './damaged_file.js';
import { diskUnavailable, namingDiskFailure, noteWriteFailure, SqliteDiskError } from './disk_failures.js';
import { lockConflictOf } from './lock_conflicts.js';
import { endFailedStatement, isStatementsInProgress } from './stuck_statements.js';

/**
 * A lock another process kept past the busy wait, reported as fitgate's StoreUnavailableError
 * (503 temporarily_unavailable, as on Redis) instead of libsql's SqliteError, which code above the
 * store (a login sending its user back to the application) would take for a bug. Writes go through
 * a WriteGate, which waits on and wraps what is left; this covers everything else, reads included:
 * a WAL reader is seldom locked out (a process recovering the WAL, or one in exclusive locking
 * mode), and then gets the same answer. Given the file's `path`, a damaged file is named
 * (SqliteFileDamagedError): SQLite's "database disk image is malformed" says neither which file nor
 * what to do, and a start that meets it must say both (start_failure.ts). A full disk or an I/O
 * error is a 503 as well, naming the file (SqliteDiskError), as a full Redis is: waiting for space
 * fixes it, not the caller. Given the connection, such a failure is noted for readiness
 * (disk_failures.ts), and so is a COMMIT refused by a statement of its own. Any other error passes
 * unchanged.
 */
function reported(error: unknown, path: string | undefined, db: SqliteDatabase | undefined): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (lockConflictOf(error) !== undefined) return new StoreUnavailableError({ cause: error });
  if (path === undefined) return error;
  const named = namingDiskFailure(namingDamagedFile(error, path), path);
  if (db !== undefined && (named instanceof SqliteDiskError || isStatementsInProgress(error))) noteWriteFailure(db, named as Error);
  return named instanceof SqliteDiskError ? diskUnavailable(named) : named;
}

/**
 * Wraps the statement's run, get and all once, when it is compiled (a try/catch: nothing on the way
 * when it succeeds). Given its connection, a statement that fails on a lock is ended at once
 * (stuck_statements.ts). Given `forget` (the statement cache's), a statement that fails is never
 * handed out again: libsql's get() does not reset a statement before running it, and one left by a
 * failure keeps its old arguments (the new ones cannot be bound to it, and libsql ignores that), so
 * its next get() would run the failed call again, a DELETE ... RETURNING taking another key's record.
 */
export function reportLocksOf(statement: Database.Statement, path?: string, db?: SqliteDatabase, forget?: () => void): Database.Statement {
  const all = statement.all as (...args: unknown[]) => unknown;
  for (const name of ['run', 'get', 'all'] as const) {
    const call = statement[name] as (...args: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]): unknown {
      try {
        return call.apply(this, args);
      } catch (error) {
        if (db !== undefined && lockConflictOf(error) !== undefined) endFailedStatement(db, statement, all, args);
        forget?.();
        throw reported(error, path, db);
      }
    };
  }
  return statement;
}

/** The same for exec (BEGIN IMMEDIATE meets the lock there, COMMIT a full disk). */
export function reportExecLocks(db: SqliteDatabase, path?: string): void {
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    try {
      return exec(sql);
    } catch (error) {
      throw reported(error, path, db);
    }
  }) as SqliteDatabase['exec'];
}
