import { constants } from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { ErrorReply } from 'redis';
import { describeStartFailure, storeUnavailableAtStart } from '../../../src/start_failure.js';
import { SqliteFileLockedError } from '../../../src/store/sqlite/lock_conflicts.js';
import { DatabaseNotSetUpError } from '../../../src/store/sqlite/store_setup.js';

const BUSY = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY', rawCode: 5 });
/**
 * What connectRedis throws when nothing listens at REDIS_URL, built here: the socket's own error
 * comes from outside Jest's module realm, where `instanceof Error` does not hold.
 */
const REDIS_DOWN = new Error('cannot connect to Redis at REDIS_URL (redis://127.0.0.1:6379): connect ECONNREFUSED 127.0.0.1:6379', {
  cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', syscall: 'connect' }),
});

describe('why a worker could not start: a store unavailable for now, retried, or anything else', () => {
  it('is the store when Redis refuses the connection', () => {
    expect(storeUnavailableAtStart(REDIS_DOWN)).toBe(true);
  });

  it('is the store when another process keeps the embedded database locked past the wait', () => {
    const locked = new SqliteFileLockedError('/srv/fitgate/fitgate.db', 'waited 5 s', { cause: BUSY });
    expect(storeUnavailableAtStart(new Error(`cannot open the embedded database in FITGATE_DATA_DIR (/srv/fitgate): ${locked.message}`, { cause: locked }))).toBe(true);
  });

  it('is the store when the data directory vanished under the running workers: they still serve its only copy', () => {
    const gone = new DatabaseNotSetUpError('/srv/fitgate/fitgate.db', true);
    expect(storeUnavailableAtStart(new Error(`cannot open the embedded database in FITGATE_DATA_DIR (/srv/fitgate): ${gone.message}`, { cause: gone }))).toBe(true);
  });

  it('is not the store when Redis refuses fitgate for good (a wrong password): waiting does not fix that', () => {
    const refused = new ErrorReply('WRONGPASS invalid username-password pair or user is disabled.');
    expect(storeUnavailableAtStart(new Error('cannot connect to Redis at REDIS_URL (redis://localhost:6379/)', { cause: refused }))).toBe(false);
  });

  it('is not the store for a data directory fitgate may not write, or any other error', () => {
    expect(storeUnavailableAtStart(new Error('cannot open the embedded database in FITGATE_DATA_DIR (/srv): /srv is not writable by this process'))).toBe(false);
    expect(storeUnavailableAtStart(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('the start-failure line for a port another program holds, as a cluster worker meets it', () => {
  it('reads as a single process says it, naming the port, instead of "bind EADDRINUSE null:4807"', () => {
    const bound = Object.assign(new Error('bind EADDRINUSE null:4807'), {
      errno: -constants.errno.EADDRINUSE,
      code: 'EADDRINUSE',
      syscall: 'bind',
      address: null,
      port: 4807,
    });
    expect(describeStartFailure(bound)).toBe(
      'listen EADDRINUSE: address already in use :::4807: another program (another fitgate?) is listening on that port; stop it, or set PORT to a free port',
    );
  });
});
