import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { storeReadiness } from '../../../src/store/store_readiness.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { commitInChild, holdWriteLock } from './lock_holder.js';

/**
 * In WAL mode a write lock never blocks a read, so a SELECT cannot tell that every write is being
 * refused: readiness tries for each file's write lock, without a busy wait, and reports a lock held
 * past a few tries as not ready, naming the file. A peer worker's commits, which hold the lock for
 * milliseconds at a time, do not count.
 */
describe('readiness of the embedded store while another process holds a lock', () => {
  let testStore: TestStore<SqliteStore>;
  const ready = () => request(readinessDetails(createReadiness(testStore.store))).get('/health/ready');
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('is ready when both files can be written', async () => {
    expect(await storeReadiness(testStore.store)).toBe('ok');
    expect((await ready()).status).toBe(200);
  });

  it.each([DATABASE_FILE, SHORT_LIVED_DATABASE_FILE])('is not ready, naming %s, while its lock is held, and ready once let go', async (file) => {
    const holder = holdWriteLock(join(testStore.location, file));
    try {
      const answer = await ready();
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.body).toMatchObject({ status: 'unavailable', store: expect.stringMatching(/^locked: /) });
      expect((answer.body as { store: string }).store).toContain(`holds the write lock on ${file} `);
    } finally {
      await holder.release();
    }
    expect(await storeReadiness(testStore.store)).toBe('ok');
  });

  it('stays ready while a peer worker commits every few milliseconds', async () => {
    const peer = await commitInChild(join(testStore.location, DATABASE_FILE));
    try {
      for (let probe = 0; probe < 5; probe += 1) expect(await storeReadiness(testStore.store)).toBe('ok');
    } finally {
      await peer.stop();
    }
  });
});
