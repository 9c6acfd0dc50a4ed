import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { diskUnavailable, SqliteDiskError } from '../../../../src/store/sqlite/disk_failures.js';
import { lockedFileUnavailable } from '../../../../src/store/sqlite/lock_conflicts.js';
import { rateLimitsRefused } from '../../../../src/store/sqlite/rate_limits_readiness.js';

/** libsql's SqliteError: a message, SQLite's code by name, and its number. */
function sqliteError(message: string, code: string, rawCode: number): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code, rawCode });
}

const PATH = '/srv/fitgate/fitgate-short-lived.db';
const refusing = (error: Error) => ({ usable: () => Promise.reject(error) });

/**
 * When the batch readiness sends for the rate limits still fails, /health/ready says why in its own
 * words (`locked: `, `full: `, `failing: `, as for the files themselves), naming the file and the
 * data directory rather than the fixed sentence a client gets.
 */
describe('the rate limits in the embedded store\'s readiness', () => {
  it('say nothing once the limiter is usable', async () => {
    expect(await rateLimitsRefused({ usable: () => Promise.resolve() })).toBeUndefined();
  });

  it('name a lock another process still holds', async () => {
    const error = lockedFileUnavailable(PATH, 'held for over 1000 ms; not waiting again until it is free', sqliteError('database is locked', 'SQLITE_BUSY', 5));
    expect(await rateLimitsRefused(refusing(error))).toBe(
      'locked: fitgate-short-lived.db is locked by another process (held for over 1000 ms; not waiting again until it is free) in FITGATE_DATA_DIR (/srv/fitgate); ' +
        'the rate limits cannot be counted, so rate-limited requests are answered 503 until it lets go',
    );
  });

  it('name a full disk', async () => {
    const error = diskUnavailable(new SqliteDiskError(PATH, { cause: sqliteError('database or disk is full', 'SQLITE_FULL', 13) }));
    expect(await rateLimitsRefused(refusing(error))).toBe(
      'full: fitgate-short-lived.db cannot be written: the disk holding it is full (database or disk is full) in FITGATE_DATA_DIR (/srv/fitgate); ' +
        'the rate limits cannot be counted, so rate-limited requests are answered 503 until it can be written',
    );
  });

  it("give the driver's words for anything else", async () => {
    const error = new StoreUnavailableError({ cause: sqliteError('The database connection is not open', 'SQLITE_MISUSE', 21) });
    expect(await rateLimitsRefused(refusing(error))).toBe(
      'failing: The database connection is not open; the rate limits cannot be counted, so rate-limited requests are answered 503',
    );
  });
});
