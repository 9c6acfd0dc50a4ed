import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../src/errors/index.js';
import { describeStartFailure } from '../../src/start_failure.js';
import { SqliteFileLockedError } from '../../src/store/sqlite/lock_conflicts.js';

const BUSY = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY', rawCode: 5 });
const REMEDY =
  ': one that keeps a transaction open, such as another fitgate or `npm run admin` on the same FITGATE_DATA_DIR, a backup tool, ' +
  'or an sqlite3 shell; let it finish or stop it (`fuser -v /srv/fitgate/fitgate.db` names it), then start fitgate again';

describe('the start-failure line for an embedded database another process keeps locked', () => {
  it('adds who may hold it and what to do to the failure to open', () => {
    const locked = new SqliteFileLockedError('/srv/fitgate/fitgate.db', 'waited 5 s', { cause: BUSY });
    const opening = new Error(`cannot open the embedded database in FITGATE_DATA_DIR (/srv/fitgate): ${locked.message}`, { cause: locked });
    expect(describeStartFailure(opening)).toBe(
      'cannot open the embedded database in FITGATE_DATA_DIR (/srv/fitgate): fitgate.db is locked by another process (waited 5 s)' + REMEDY,
    );
  });

  it("names the file instead of a 503's generic words when a write after opening could not have it", () => {
    const refused = new StoreUnavailableError({ cause: new SqliteFileLockedError('/srv/fitgate/fitgate.db', 'waited 1000 ms', { cause: BUSY }) });
    expect(describeStartFailure(refused)).toBe("the embedded database's fitgate.db is locked by another process (waited 1000 ms)" + REMEDY);
  });
});

describe('the start-failure line for an address the public listener cannot bind', () => {
  it('names FITGATE_HOST when no interface of this machine has the address', () => {
    const error = Object.assign(new Error('listen EADDRNOTAVAIL: address not available 192.0.2.77:3000'), { code: 'EADDRNOTAVAIL', syscall: 'listen' });
    expect(describeStartFailure(error)).toBe('listen EADDRNOTAVAIL: address not available 192.0.2.77:3000: no interface of this machine has that address; check FITGATE_HOST');
  });
});
