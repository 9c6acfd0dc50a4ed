import { describe, expect, it } from '@jest/globals';
import type Database from 'libsql';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { damageOf, namingDamagedFile, SqliteFileDamagedError } from '../../../../src/store/sqlite/damaged_file.js';
import { reportLocksOf } from '../../../../src/store/sqlite/locks_as_unavailable.js';

/** libsql's SqliteError: a message, SQLite's code by name, and its number. */
function sqliteError(message: string, code: string, rawCode: number): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code, rawCode });
}

const MALFORMED = () => sqliteError('database disk image is malformed', 'SQLITE_CORRUPT', 11);

describe('a damaged SQLite file', () => {
  it.each([
    ['SQLITE_CORRUPT', 11],
    ['SQLITE_CORRUPT_INDEX', 779],
    ['SQLITE_CORRUPT_SEQUENCE', 523],
    ['SQLITE_NOTADB', 26],
  ])('is known by %s (%d), also under a cause or by number alone', (code, rawCode) => {
    const error = sqliteError('damaged', code, rawCode);
    expect(damageOf(error)).toBe(error);
    expect(damageOf(new Error('wrapped', { cause: error }))).toBe(error);
    expect(damageOf(Object.assign(new Error('numbers only'), { rawCode }))).toBeDefined();
  });

  it.each([
    ['SQLITE_BUSY', 5],
    ['SQLITE_CONSTRAINT_UNIQUE', 2067],
    ['SQLITE_IOERR_FSYNC', 1034],
    ['SQLITE_FULL', 13],
  ])('is not %s', (code, rawCode) => {
    expect(damageOf(sqliteError('other', code, rawCode))).toBeUndefined();
  });

  it('is named with its file, keeping SQLite error as the cause; other errors pass unchanged', () => {
    const cause = MALFORMED();
    const named = namingDamagedFile(cause, '/srv/fitgate/fitgate.db');
    expect(named).toBeInstanceOf(SqliteFileDamagedError);
    expect(named).toMatchObject({ message: 'fitgate.db is damaged (database disk image is malformed)', path: '/srv/fitgate/fitgate.db', cause });
    expect(namingDamagedFile(named, '/elsewhere/fitgate.db')).toBe(named);
    const other = sqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE', 2067);
    expect(namingDamagedFile(other, '/srv/fitgate/fitgate.db')).toBe(other);
  });

  it("is named by a statement of the store's files (given the path), and a lock is still a 503", () => {
    let failure: Error = MALFORMED();
    const statement = reportLocksOf(
      {
        run: () => {
          throw failure;
        },
        get: () => ({ n: 1 }),
        all: () => [],
      } as unknown as Database.Statement,
      '/srv/fitgate/fitgate.db',
    );
    expect(() => statement.run()).toThrow(new SqliteFileDamagedError('/srv/fitgate/fitgate.db', { cause: failure }));
    failure = sqliteError('database is locked', 'SQLITE_BUSY', 5);
    expect(() => statement.run()).toThrow(StoreUnavailableError);
    expect(statement.get()).toEqual({ n: 1 });
  });
});
