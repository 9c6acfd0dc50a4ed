import { describe, expect, it } from '@jest/globals';
import type Database from 'libsql';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { describeStartFailure, storeUnavailableAtStart } from '../../../../src/start_failure.js';
import type { SqliteDatabase } from '../../../../src/store/sqlite/database.js';
import { namingDiskFailure, SqliteDiskError, writeFailureOf } from '../../../../src/store/sqlite/disk_failures.js';
import { reportLocksOf } from '../../../../src/store/sqlite/locks_as_unavailable.js';
import { asStoreUnavailable, findInChain } from '../../../../src/store/store_unavailable.js';

/** libsql's SqliteError: a message, SQLite's code by name, and its number. */
function sqliteError(message: string, code: string, rawCode: number): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code, rawCode });
}

const FULL = () => sqliteError('database or disk is full', 'SQLITE_FULL', 13);
const IOERR = () => sqliteError('disk I/O error', 'SQLITE_IOERR_WRITE', 778);
const FULL_WORDS = 'fitgate cannot save anything right now: the disk holding its database is full. Try again in a few minutes.';

/**
 * A full disk or an I/O error is the store being unavailable, as a full Redis is: a 503 with
 * Retry-After whose words name the disk, the file and SQLite's own words kept under it for the log,
 * and a start that meets it says which disk to free.
 */
describe("SQLite's full disk and I/O errors", () => {
  it('are a 503 naming the file for a statement of the store, noted for readiness on its connection', () => {
    const db = {} as SqliteDatabase;
    const failure = FULL();
    const statement = reportLocksOf(
      {
        run: () => {
          throw failure;
        },
      } as unknown as Database.Statement,
      '/srv/fitgate/fitgate-short-lived.db',
      db,
    );
    let thrown: unknown;
    try {
      statement.run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreUnavailableError);
    expect(thrown).toMatchObject({ status: 503, description: FULL_WORDS, headers: { 'Retry-After': '5' } });
    expect(findInChain(thrown, SqliteDiskError)).toMatchObject({
      message: 'fitgate-short-lived.db cannot be written: the disk holding it is full (database or disk is full)',
      path: '/srv/fitgate/fitgate-short-lived.db',
      full: true,
      cause: failure,
    });
    expect(findInChain(writeFailureOf(db), SqliteDiskError)?.cause).toBe(failure);
  });

  it.each([
    ['a full disk', FULL, FULL_WORDS],
    ['an I/O error', IOERR, 'fitgate cannot save anything right now: its database cannot be written. Try again in a few minutes.'],
  ])('are a 503 wherever they are met, also unnamed and under a cause: %s', (_what, error, words) => {
    const raw = error();
    const unavailable = asStoreUnavailable(new Error('a batch failed', { cause: raw }));
    expect(unavailable).toBeInstanceOf(StoreUnavailableError);
    expect(unavailable?.description).toBe(words);
    expect(unavailable?.cause).toBe(raw);
    expect(asStoreUnavailable(sqliteError('UNIQUE constraint failed: t.k', 'SQLITE_CONSTRAINT_PRIMARYKEY', 1555))).toBeUndefined();
  });

  it('say which disk to free when a start meets them, opening the file or at its first write', () => {
    const disk = namingDiskFailure(FULL(), '/srv/fitgate/fitgate.db') as SqliteDiskError;
    const opening = new Error(`cannot open the embedded database in FITGATE_DATA_DIR (/srv/fitgate): ${disk.message}`, { cause: disk });
    expect(describeStartFailure(opening)).toBe(
      'cannot open the embedded database in FITGATE_DATA_DIR (/srv/fitgate): fitgate.db cannot be written: the disk holding it is full ' +
        '(database or disk is full): free space on the disk holding /srv/fitgate (`df -h /srv/fitgate` shows it), then start fitgate again',
    );
    const firstWrite = asStoreUnavailable(new SqliteDiskError('/srv/fitgate/fitgate.db', { cause: IOERR() }));
    expect(describeStartFailure(firstWrite)).toBe(
      'cannot write the embedded database in FITGATE_DATA_DIR (/srv/fitgate): the disk holding fitgate.db reports an I/O error ' +
        '(SQLITE_IOERR_WRITE: disk I/O error): check the disk holding it (the kernel log, `dmesg`, says what it reports), then start fitgate again',
    );
    // A worker that meets it is retried while others serve: space may come back.
    expect(storeUnavailableAtStart(opening)).toBe(true);
  });
});
