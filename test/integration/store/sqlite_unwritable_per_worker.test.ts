import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import type { SqliteDatabase } from '../../../src/store/sqlite/database.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId } from './records.js';

/** The full-disk seam of sqlite_disk_full.test.ts: SQLITE_FULL on this connection's next page. */
function fillUp(db: SqliteDatabase): () => void {
  const [{ page_count: pages }] = db.pragma('page_count') as [{ page_count: number }];
  db.pragma(`max_page_count = ${pages}`);
  return () => void db.pragma('max_page_count = 1073741823');
}

const BIG = 'x'.repeat(5000);

function saveSession(store: SqliteStore, sid: string): Promise<void> {
  const data = { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, big: BIG } as unknown as SessionData;
  return new Promise((resolve, reject) => store.sessionStore().set(sid, data, (error) => (error ? reject(error as Error) : resolve())));
}

/**
 * Two workers' stores on one data directory. What Store.unwritable says (each worker's answer to
 * the primary's readiness ping) is known only where a write failed: the failing worker says the
 * disk is full, the quiet one nothing, which is why the primary carries the former's words to
 * every worker's /health/ready. Once space is back the failing worker's probe goes through and
 * its words are gone.
 */
describe("each worker's unwritable files", () => {
  let testStore: TestStore<SqliteStore>;
  let quiet: SqliteStore;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    quiet = SqliteStore.open(testStore.location);
  });
  afterAll(async () => {
    await quiet.close();
    await testStore.cleanup();
  });

  it('are said by the worker whose write failed, until a probe there goes through', async () => {
    const failing = testStore.store;
    const freeSpace = fillUp(failing.shortLivedDb);
    try {
      let refused: unknown;
      for (let n = 0; n < 200 && refused === undefined; n += 1) refused = await saveSession(failing, uniqueId('sid')).catch((error: unknown) => error);
      expect(refused).toBeDefined();
      expect(quiet.unwritable()).toBeUndefined();
      expect(failing.unwritable()).toBe(
        `full: the disk holding FITGATE_DATA_DIR (${testStore.location}) is full, so fitgate-short-lived.db cannot be written ` +
          '(database or disk is full); writes are answered 503 until space is freed there',
      );
    } finally {
      freeSpace();
    }
    expect(failing.unwritable()).toBeUndefined();
  });
});
