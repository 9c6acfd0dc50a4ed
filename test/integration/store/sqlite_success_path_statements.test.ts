import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { SqliteDatabase } from '../../../src/store/sqlite/database.js';
import { sqliteRateLimitHits } from '../../../src/store/sqlite/rate_limit_hits.js';
import { SPEND } from '../../../src/store/sqlite/rate_limiter.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { storeReadiness } from '../../../src/store/store_readiness.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { holdWriteLock } from './lock_holder.js';
import { uniqueId } from './records.js';

/** Every SQL text a connection prepares or executes from now on (repositories prepare per query; statements are cached). */
function recordStatements(db: SqliteDatabase): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  const exec = db.exec.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as SqliteDatabase['prepare'];
  db.exec = ((sql: string) => {
    seen.push(sql);
    return exec(sql);
  }) as SqliteDatabase['exec'];
  return seen;
}

function saveSession(store: SqliteStore, sid: string, extra = ''): Promise<void> {
  const data = { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, extra } as unknown as SessionData;
  return new Promise((resolve, reject) => store.sessionStore().set(sid, data, (error) => (error ? reject(error as Error) : resolve())));
}

const SESSION_WRITE = 'INSERT OR REPLACE INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)';
const EPHEMERAL_WRITE = 'INSERT OR REPLACE INTO ephemeral (kind, key, value, expires_at) VALUES (?, ?, ?, ?)';

/**
 * The fixes for a lock held past the wait and for a full disk work on error paths only: a write
 * that succeeds runs its own statements and nothing else (no probe, no release, no bookkeeping
 * statement), before any failure and after the store has been through both, and readiness of a
 * healthy store writes nothing. A login's CPU and fsyncs are what they were (issue 13).
 */
describe('the statements of writes that succeed on the embedded store', () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  /** A session, a batch of rate-limit hits (a transaction) and a group commit, each with the statements it ran. */
  async function normalWrites(store: SqliteStore): Promise<Record<string, string[]>> {
    const durable = recordStatements(store.db);
    const shortLived = recordStatements(store.shortLivedDb);
    const ran = (): string[] => [...durable.splice(0), ...shortLived.splice(0)];
    await saveSession(store, uniqueId('sid'));
    const session = ran();
    await sqliteRateLimitHits(store.shortLivedDb)([
      { key: uniqueId('a'), points: 1, durationMs: 60_000 },
      { key: uniqueId('b'), points: 1, durationMs: 60_000 },
    ]);
    const rateLimits = ran();
    await store.ephemeral.put('refresh_token', uniqueId('rt'), { n: 1 }, 60);
    const groupCommit = ran();
    await storeReadiness(store);
    const readiness = ran();
    return { session, rateLimits, groupCommit, readiness };
  }

  function expectOnlyTheirOwn(statements: Record<string, string[]>): void {
    expect(statements.session).toEqual([SESSION_WRITE]);
    expect(statements.rateLimits).toEqual(['BEGIN IMMEDIATE', SPEND, SPEND, 'COMMIT']);
    expect(statements.groupCommit).toEqual(['BEGIN IMMEDIATE', 'SAVEPOINT unit', EPHEMERAL_WRITE, 'RELEASE unit', 'COMMIT']);
    // Each file's lock tried and let go, and nothing written.
    expect(statements.readiness?.filter((sql) => !/^(SELECT 1|PRAGMA busy_timeout = \d+|BEGIN IMMEDIATE|ROLLBACK)$/.test(sql))).toEqual([]);
  }

  it('are their own before any failure, and after a lock held past the wait and a full disk', async () => {
    const { store } = testStore;
    expectOnlyTheirOwn(await normalWrites(store));

    const holder = holdWriteLock(join(testStore.location, SHORT_LIVED_DATABASE_FILE));
    try {
      await expect(saveSession(store, uniqueId('sid'))).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await holder.release();
    }
    const [{ page_count: pages }] = store.shortLivedDb.pragma('page_count') as [{ page_count: number }];
    store.shortLivedDb.pragma(`max_page_count = ${pages}`);
    let refused: unknown;
    for (let n = 0; n < 200 && refused === undefined; n += 1) refused = await saveSession(store, uniqueId('sid'), 'x'.repeat(5000)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    store.shortLivedDb.pragma('max_page_count = 1073741823');
    expect(await storeReadiness(store)).toBe('ok');

    expectOnlyTheirOwn(await normalWrites(store));
  });
});
