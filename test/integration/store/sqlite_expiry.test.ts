import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { startSweeper, sweepExpired } from '../../../src/store/sqlite/sweeper.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { uniqueId } from './records.js';

const rowsIn = (db: SqliteStore['db'], table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const databasesOf = (store: SqliteStore) => ({ durable: store.db, shortLived: store.shortLivedDb });

describe('expiry of short-lived rows in the embedded store', () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => {
    await testStore.cleanup();
  });

  it('deletes expired records of every short-lived kind and keeps the live ones', async () => {
    const { store } = testStore;
    // A ticket is kept in fitgate.db, a login transaction in the short-lived file: both are swept.
    await store.ephemeral.put('ticket', uniqueId('k'), 'expiring', 1);
    await store.ephemeral.put('ticket', uniqueId('k'), 'live', 3600);
    await store.ephemeral.put('login_transaction', uniqueId('k'), 'expiring', 1);
    await store.ephemeral.put('login_transaction', uniqueId('k'), 'live', 3600);
    await store.locks.tryAcquire(uniqueId('lock'), 1000);
    await store.counters.hit(uniqueId('ip'), 1);
    await store.rateLimiter({ keyPrefix: uniqueId('rl'), points: 5, durationSeconds: 1 }).consume('ip');
    const sessions = store.sessionStore();
    await new Promise((resolve) => sessions.set(uniqueId('sid'), { cookie: { expires: new Date(Date.now() + 1000) } } as unknown as SessionData, resolve));

    // Sweeping "two seconds from now" is what the background timer will do once they expire.
    await sweepExpired(databasesOf(store), Date.now() + 2000);

    expect(rowsIn(store.db, 'ephemeral')).toBe(1);
    expect(rowsIn(store.shortLivedDb, 'ephemeral')).toBe(1);
    for (const table of ['locks', 'counters', 'rate_limits', 'sessions']) {
      expect([table, rowsIn(store.shortLivedDb, table)]).toEqual([table, 0]);
    }
  });

  it('sweeps in the background, with no read touching the expired row', async () => {
    const { store } = testStore;
    const key = uniqueId('k');
    await store.ephemeral.put('grant', key, 'soon gone', 0.05);
    const errors: unknown[] = [];
    const stop = startSweeper(databasesOf(store), (error) => errors.push(error), 20);
    try {
      const left = store.db.prepare('SELECT COUNT(*) AS n FROM ephemeral WHERE key = ?');
      await eventually(async () => ((left.get(key) as { n: number }).n === 0 ? true : undefined), 'the sweeper removes the row');
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });

  it('gives a session whose cookie has no expiry one day', async () => {
    const { store } = testStore;
    const sid = uniqueId('sid');
    const before = Date.now();
    await new Promise((resolve) => store.sessionStore().set(sid, { cookie: {} } as unknown as SessionData, resolve));
    const { expires_at: expiresAt } = store.shortLivedDb.prepare('SELECT expires_at FROM sessions WHERE sid = ?').get(sid) as { expires_at: number };
    expect(expiresAt).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
  });
});
