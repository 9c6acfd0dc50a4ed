import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import request from 'supertest';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';
import type { SqliteDatabase } from '../../../src/store/sqlite/database.js';
import { SqliteDiskError } from '../../../src/store/sqlite/disk_failures.js';
import { sqliteRateLimitHits } from '../../../src/store/sqlite/rate_limit_hits.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { findInChain } from '../../../src/store/store_unavailable.js';
import { storeReadiness } from '../../../src/store/store_readiness.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId } from './records.js';

/**
 * A full disk without one: SQLite's max_page_count, set on the store's own connection to the pages
 * the file has, makes every write that needs another page fail with SQLITE_FULL ("database or disk
 * is full"), as ENOSPC does, through the store's real code. Raising it is the space coming back.
 */
function fillUp(db: SqliteDatabase): () => void {
  const [{ page_count: pages }] = db.pragma('page_count') as [{ page_count: number }];
  db.pragma(`max_page_count = ${pages}`);
  return () => void db.pragma('max_page_count = 1073741823');
}

/** Writes until one is refused (each needs a page of its own); the refusal. */
async function firstRefusal(write: (n: number) => Promise<unknown>): Promise<unknown> {
  for (let n = 0; n < 200; n += 1) {
    const refused = await write(n).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (refused !== undefined) return refused;
  }
  throw new Error('200 writes of 5 kB each went into a full file');
}

/** The 503 a request gets, naming the disk to the client and keeping the file and SQLite's words for the log. */
function expectDiskFull(error: unknown, file: string): void {
  expect(error).toBeInstanceOf(StoreUnavailableError);
  const unavailable = error as StoreUnavailableError;
  expect(unavailable.status).toBe(503);
  expect(unavailable.headers['Retry-After']).toBe('5');
  expect(unavailable.description).toBe('fitgate cannot save anything right now: the disk holding its database is full. Try again in a few minutes.');
  const disk = findInChain(error, SqliteDiskError);
  expect(disk?.message).toBe(`${file} cannot be written: the disk holding it is full (database or disk is full)`);
  expect(disk?.cause).toMatchObject({ code: 'SQLITE_FULL' });
}

const BIG = 'x'.repeat(5000);

function saveSession(store: SqliteStore, sid: string): Promise<void> {
  const data = { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, big: BIG } as unknown as SessionData;
  return new Promise((resolve, reject) => store.sessionStore().set(sid, data, (error) => (error ? reject(error as Error) : resolve())));
}

/**
 * The embedded store on a full disk answers 503 temporarily_unavailable with Retry-After, in words
 * that name the disk (not 500 server_error, and not "cannot rollback - no transaction is active",
 * which libsql's ROLLBACK after SQLite's own used to put in place of the real error), is not ready
 * while writes fail, and serves again, ready, once there is space.
 */
describe('the embedded store on a full disk', () => {
  let testStore: TestStore<SqliteStore>;
  const ready = () => request(readinessDetails(createReadiness(testStore.store))).get('/health/ready');
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('refuses writes to fitgate-short-lived.db with a 503, single statements and transactions alike, is not ready, and recovers with space', async () => {
    const { store } = testStore;
    const freeSpace = fillUp(store.shortLivedDb);
    try {
      expectDiskFull(await firstRefusal(() => saveSession(store, uniqueId('sid'))), 'fitgate-short-lived.db');
      // A rate-limit batch is a transaction, which SQLite ends itself when the disk is full.
      const hits = Array.from({ length: 200 }, () => ({ key: `${uniqueId('full')}:${BIG.slice(0, 200)}`, points: 1, durationMs: 60_000 }));
      expectDiskFull(await sqliteRateLimitHits(store.shortLivedDb)(hits).catch((error: unknown) => error), 'fitgate-short-lived.db');

      const answer = await ready();
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect((answer.body as { store: string }).store).toBe(
        `full: the disk holding FITGATE_DATA_DIR (${testStore.location}) is full, so fitgate-short-lived.db cannot be written ` +
          '(database or disk is full); writes are answered 503 until space is freed there',
      );
    } finally {
      freeSpace();
    }
    expect(await storeReadiness(store)).toBe('ok');
    await saveSession(store, uniqueId('sid'));
    await sqliteRateLimitHits(store.shortLivedDb)([{ key: uniqueId('back'), points: 1, durationMs: 60_000 }]);
  });

  it("refuses fitgate.db's group commits with a 503, is not ready, and recovers with space", async () => {
    const { store } = testStore;
    const freeSpace = fillUp(store.db);
    try {
      expectDiskFull(await firstRefusal(() => store.ephemeral.put('refresh_token', uniqueId('rt'), { big: BIG }, 60)), 'fitgate.db');
      expect(await storeReadiness(store)).toMatch(/^full: the disk holding FITGATE_DATA_DIR \(.*\) is full, so fitgate\.db cannot be written/);
    } finally {
      freeSpace();
    }
    expect(await storeReadiness(store)).toBe('ok');
    await store.ephemeral.put('refresh_token', uniqueId('rt'), { big: BIG }, 60);
  });
});
