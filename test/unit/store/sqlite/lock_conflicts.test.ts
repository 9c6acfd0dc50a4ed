import { describe, expect, it } from '@jest/globals';
import type Database from 'libsql';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { lockConflictOf } from '../../../../src/store/sqlite/lock_conflicts.js';
import { reportLocksOf } from '../../../../src/store/sqlite/locks_as_unavailable.js';

/** libsql's SqliteError: a message, SQLite's code by name, and its number. */
function sqliteError(code: string, rawCode: number): Error {
  return Object.assign(new Error('database is locked'), { name: 'SqliteError', code, rawCode });
}

describe('SQLite lock errors', () => {
  it.each([
    ['SQLITE_BUSY', 5],
    ['SQLITE_BUSY_SNAPSHOT', 517],
    ['SQLITE_BUSY_RECOVERY', 261],
    ['SQLITE_LOCKED', 6],
    ['SQLITE_LOCKED_SHAREDCACHE', 262],
  ])('knows %s (%d) for a lock held elsewhere, also under a cause', (code, rawCode) => {
    const error = sqliteError(code, rawCode);
    expect(lockConflictOf(error)).toBe(error);
    expect(lockConflictOf(new Error('wrapped', { cause: error }))).toBe(error);
    expect(lockConflictOf(Object.assign(new Error('numbers only'), { rawCode }))).toBeDefined();
  });

  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 2067],
    ['SQLITE_FULL', 13],
    ['SQLITE_IOERR_FSYNC', 1034],
  ])('leaves %s alone', (code, rawCode) => {
    expect(lockConflictOf(sqliteError(code, rawCode))).toBeUndefined();
  });

  it("turns a statement's lock error into StoreUnavailableError, and passes every other error and value unchanged", () => {
    let failure: Error | undefined;
    const statement = reportLocksOf({
      run: () => {
        if (failure) throw failure;
        return { changes: 1 };
      },
      get: () => ({ n: 1 }),
      all: () => [],
    } as unknown as Database.Statement);

    expect(statement.run()).toEqual({ changes: 1 });
    expect(statement.get()).toEqual({ n: 1 });
    failure = sqliteError('SQLITE_BUSY', 5);
    expect(() => statement.run()).toThrow(StoreUnavailableError);
    failure = sqliteError('SQLITE_CONSTRAINT_UNIQUE', 2067);
    expect(() => statement.run()).toThrow(failure);
  });
});
