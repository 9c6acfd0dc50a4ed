import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { holdWriteLock } from './lock_holder.js';
import { uniqueId } from './records.js';

/**
 * The login transactions stored in the short-lived file as another process sees them: only what
 * fitgate.db's connection has committed, not what it holds uncommitted.
 */
function committedLoginTransactions(path: string): string[] {
  const other = new Database(path);
  try {
    const rows = other.prepare("SELECT key FROM ephemeral WHERE kind = 'login_transaction' ORDER BY key").all() as Array<{ key: string }>;
    return rows.map(({ key }) => key);
  } finally {
    other.close();
  }
}

/**
 * A /login/callback's take of its login transaction refused because another process held the
 * short-lived file's lock past the wait (503), then the lock let go: the next /authorize's write of
 * its login transaction, once acknowledged, is committed (another process sees it and can write the
 * file) and stays, so its callback finds it; the refused take took nothing. That write used to be
 * acknowledged uncommitted and rolled back moments later, and its login ended on the stale-login page.
 */
describe('the short-lived file after a take refused for a lock held by another process', () => {
  let testStore: TestStore<SqliteStore>;
  const path = () => join(testStore.location, SHORT_LIVED_DATABASE_FILE);
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('commits the next write it acknowledges, for good', async () => {
    const { ephemeral } = testStore.store;
    const refusedLogin = uniqueId('lt-refused');
    await ephemeral.put('login_transaction', refusedLogin, { login: refusedLogin }, 600);

    const holder = holdWriteLock(path());
    try {
      await expect(ephemeral.consume('login_transaction', refusedLogin)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await holder.release();
    }

    const nextLogin = uniqueId('lt-next');
    await ephemeral.put('login_transaction', nextLogin, { login: nextLogin }, 600);
    expect(committedLoginTransactions(path())).toEqual([nextLogin, refusedLogin].sort());
    // Nothing of this connection's is left holding the lock.
    const other = new Database(path());
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    other.close();

    // Still there after the store's next writes, for the login's callback to take.
    const laterLogin = uniqueId('lt-later');
    await ephemeral.put('login_transaction', laterLogin, { login: laterLogin }, 600);
    expect(await ephemeral.consume('login_transaction', nextLogin)).toEqual({ login: nextLogin });
    expect(committedLoginTransactions(path())).toEqual([laterLogin, refusedLogin].sort());
  });
});
