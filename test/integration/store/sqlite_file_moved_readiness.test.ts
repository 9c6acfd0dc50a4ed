import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { storeReadiness } from '../../../src/store/store_readiness.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

/**
 * A file deleted or replaced under a running fitgate keeps answering through the open connection, so
 * requests succeed and a SELECT says nothing; but what is written is gone once the process stops,
 * and a worker started now opens another file. Readiness compares what is at each path with the file
 * opened (device and inode) and says which it is and what to do.
 */
describe('readiness of the embedded store when a file is no longer the one opened', () => {
  let testStore: TestStore<SqliteStore>;
  beforeEach(async () => {
    testStore = await openSqliteTestStore();
  });
  afterEach(async () => testStore.cleanup());

  const path = (file: string) => join(testStore.location, file);
  const ready = () => request(readinessDetails(createReadiness(testStore.store))).get('/health/ready');

  it('is not ready while fitgate.db is gone from its path, saying so, and ready again once the same file is back', async () => {
    expect(await storeReadiness(testStore.store)).toBe('ok');
    renameSync(path(DATABASE_FILE), path('elsewhere.db'));

    const answer = await ready();
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.body).toMatchObject({
      status: 'unavailable',
      store:
        `deleted: fitgate.db was deleted from FITGATE_DATA_DIR (${testStore.location}) while fitgate runs; this process still uses ` +
        'the deleted file, which is gone once it stops: restore it from a backup (docs/operations.md#backup-and-restore)',
    });
    // The open connection still serves: only readiness can tell.
    expect(await testStore.store.tenants.get('default')).toBeUndefined();

    renameSync(path('elsewhere.db'), path(DATABASE_FILE));
    expect(await storeReadiness(testStore.store)).toBe('ok');
  });

  it('is not ready once another file is at the path of fitgate.db', async () => {
    renameSync(path(DATABASE_FILE), path('elsewhere.db'));
    writeFileSync(path(DATABASE_FILE), '');
    expect(await storeReadiness(testStore.store)).toMatch(
      new RegExp(`^replaced: fitgate\\.db in FITGATE_DATA_DIR \\(${testStore.location}\\) is no longer the file this process opened .*: restore it from a backup`),
    );
  });

  it('names the short-lived file, whose remedy is a restart', async () => {
    rmSync(path(SHORT_LIVED_DATABASE_FILE));
    expect(await storeReadiness(testStore.store)).toBe(
      `deleted: ${SHORT_LIVED_DATABASE_FILE} was deleted from FITGATE_DATA_DIR (${testStore.location}) while fitgate runs; this process still uses ` +
        'the deleted file, which is gone once it stops: restart fitgate (it holds only sessions, logins in flight and counters: everyone signs in again)',
    );
  });

  it('says fitgate.db was deleted when the whole data directory was', async () => {
    rmSync(testStore.location, { recursive: true, force: true });
    expect(await storeReadiness(testStore.store)).toMatch(/^deleted: fitgate\.db was deleted from FITGATE_DATA_DIR/);
  });
});
