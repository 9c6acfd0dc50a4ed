import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { storeReadiness } from '../../../src/store/store_readiness.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { holdWriteLock } from './lock_holder.js';
import { clientRecord, uniqueId } from './records.js';

/** How soon a file serves again once the lock is let go (docs/operations.md). */
const SERVED_AGAIN_WITHIN_MS = 1000;

/** A session as the dashboard's sign-in page stores one. */
function saveSession(store: SqliteStore, sid: string): Promise<void> {
  const data = { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) } } as unknown as SessionData;
  return new Promise((resolve, reject) => store.sessionStore().set(sid, data, (error) => (error ? reject(error as Error) : resolve())));
}

/**
 * Per file: a write of one statement (which libsql leaves "in progress" when it fails on the lock),
 * and writes made of a transaction, whose COMMIT such a statement used to refuse for good ("cannot
 * commit transaction - SQL statements in progress"), read as a lock held by another process.
 */
const FILES = [
  {
    file: DATABASE_FILE,
    statement: (store: SqliteStore) => store.clients.delete('t-released', uniqueId('client')),
    transactions: [
      (store: SqliteStore) => store.ephemeral.put('refresh_token', uniqueId('rt'), { n: 1 }, 60),
      (store: SqliteStore) => store.clients.create(clientRecord('t-released')),
    ],
  },
  {
    file: SHORT_LIVED_DATABASE_FILE,
    statement: (store: SqliteStore) => saveSession(store, uniqueId('sid')),
    transactions: [
      (store: SqliteStore) => store.batchedRateLimiter({ keyPrefix: 'released', points: 100, durationSeconds: 60 }).consume(uniqueId('ip')),
      async (store: SqliteStore) => {
        const key = uniqueId('lt');
        await store.ephemeral.put('login_transaction', key, { n: 1 }, 60);
        await store.ephemeral.consume('login_transaction', key, { kind: 'authorization_code', key: uniqueId('code'), value: { n: 2 }, ttlSeconds: 60 });
      },
      (store: SqliteStore) => saveSession(store, uniqueId('sid')),
    ],
  },
];

/**
 * Another process (an sqlite3 shell, a backup tool, a stalled worker) held a file's write lock for
 * longer than a write waits: the write that met it was refused with a 503, as it should be. Once
 * the lock is let go, every kind of write to that file is served again at once, and readiness says
 * ok because it is true, not because it only looked at the lock.
 */
describe.each(FILES)('$file after another process held its lock past the wait', ({ file, statement, transactions }) => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('serves transactions on the file within a second of the lock being let go, and is ready', async () => {
    const { store } = testStore;
    const holder = holdWriteLock(join(testStore.location, file));
    try {
      await expect(statement(store)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await holder.release();
    }

    const started = Date.now();
    for (const transaction of transactions) await transaction(store);
    expect(Date.now() - started).toBeLessThan(SERVED_AGAIN_WITHIN_MS);
    expect(await storeReadiness(store)).toBe('ok');
    // Served for good, not once.
    for (const transaction of transactions) await transaction(store);
    await statement(store);
  });
});
