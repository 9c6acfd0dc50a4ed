import type Database from 'libsql';
import { StoreUnavailableError } from '../../errors/index.js';
import type { SqliteDatabase } from './database.js';
import { lockConflictOf } from './lock_conflicts.js';

/**
 * A lock another process kept past the busy wait, reported as fitgate's StoreUnavailableError
 * (503 temporarily_unavailable, as on Redis) instead of libsql's SqliteError, which code above the
 * store (a login sending its user back to the application) would take for a bug. Writes go through
 * a WriteGate, which waits on and wraps what is left; this covers everything else, reads included:
 * a WAL reader is seldom locked out (a process recovering the WAL, or one in exclusive locking
 * mode), and then gets the same answer. Any other error passes unchanged.
 */
function reported(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || lockConflictOf(error) === undefined) return error;
  return new StoreUnavailableError({ cause: error });
}

/** Wraps the statement's run, get and all once, when it is compiled (a try/catch: nothing on the way when it succeeds). */
export function reportLocksOf(statement: Database.Statement): Database.Statement {
  for (const name of ['run', 'get', 'all'] as const) {
    const call = statement[name] as (...args: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]): unknown {
      try {
        return call.apply(this, args);
      } catch (error) {
        throw reported(error);
      }
    };
  }
  return statement;
}

/** The same for exec (BEGIN IMMEDIATE meets the lock there). */
export function reportExecLocks(db: SqliteDatabase): void {
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    try {
      return exec(sql);
    } catch (error) {
      throw reported(error);
    }
  }) as SqliteDatabase['exec'];
}
