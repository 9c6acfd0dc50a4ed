import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { holdWriteLock } from './lock_holder.js';
import { uniqueId } from './records.js';

/**
 * A take of one login's transaction refused because another process held the short-lived file's
 * lock past the wait, then the lock let go: the next take, another login's callback, takes that
 * login's own transaction, and the refused one's is still there for its retry. libsql runs a
 * statement that failed again with its old arguments at its next get(), so the next take (the same
 * DELETE ... RETURNING) used to take the refused login's transaction instead.
 */
describe('a take after a take refused for a lock held by another process', () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it("takes its own login's transaction", async () => {
    const { ephemeral } = testStore.store;
    const refusedLogin = uniqueId('lt-refused');
    const nextLogin = uniqueId('lt-next');
    await ephemeral.put('login_transaction', refusedLogin, { login: refusedLogin }, 600);
    await ephemeral.put('login_transaction', nextLogin, { login: nextLogin }, 600);

    const holder = holdWriteLock(join(testStore.location, SHORT_LIVED_DATABASE_FILE));
    try {
      await expect(ephemeral.consume('login_transaction', refusedLogin)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await holder.release();
    }

    expect(await ephemeral.consume('login_transaction', nextLogin)).toEqual({ login: nextLogin });
    expect(await ephemeral.consume('login_transaction', refusedLogin)).toEqual({ login: refusedLogin });
  });
});
