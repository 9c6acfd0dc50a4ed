import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { LOCK_WAIT_MS } from '../../../src/store/sqlite/write_gate.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { holdWriteLock } from './lock_holder.js';
import { clientRecord, uniqueId } from './records.js';

/** What each file is written by: a client (fitgate.db), a login transaction (the short-lived file). */
const FILES = [
  {
    file: DATABASE_FILE,
    write: (store: SqliteStore, key: string) => store.clients.create(clientRecord('t-locked', { clientId: key })),
    stored: async (store: SqliteStore, key: string) => (await store.clients.get('t-locked', key)) !== undefined,
  },
  {
    file: SHORT_LIVED_DATABASE_FILE,
    write: (store: SqliteStore, key: string) => store.ephemeral.put('login_transaction', key, { key }, 60),
    stored: async (store: SqliteStore, key: string) => (await store.ephemeral.get('login_transaction', key)) !== undefined,
  },
];

/**
 * A write that meets a lock held by another process waits for it, with the event loop free, for
 * LOCK_WAIT_MS at most: it is written when the lock is let go within that, and refused with
 * fitgate's StoreUnavailableError (503 temporarily_unavailable) past it, within the 2 s
 * docs/operations.md promises. While the lock stays held, the next writes are refused at once
 * instead of queueing, and the first write after it is let go is served.
 */
describe.each(FILES)('a write to $file while another process holds its lock', ({ file, write, stored }) => {
  let testStore: TestStore<SqliteStore>;
  const path = () => join(testStore.location, file);
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('is written once the lock is let go within the wait', async () => {
    const { store } = testStore;
    const key = uniqueId('k');
    const holder = holdWriteLock(path());
    // Released by a timer of this process: it can only fire because the write waits off the event loop.
    const released = new Promise<void>((resolve) => setTimeout(() => void holder.release().then(resolve), LOCK_WAIT_MS / 4));
    await write(store, key);
    await released;
    expect(await stored(store, key)).toBe(true);
  });

  it('is refused with StoreUnavailableError once the wait is over, the next ones at once, and served after release', async () => {
    const { store } = testStore;
    const holder = holdWriteLock(path());
    const refusedKey = uniqueId('k');
    try {
      const started = Date.now();
      const refused = await write(store, refusedKey).catch((error: unknown) => error);
      const waited = Date.now() - started;
      expect(refused).toBeInstanceOf(StoreUnavailableError);
      expect(String((refused as Error).cause)).toContain(`${file} is locked by another process`);
      expect(waited).toBeGreaterThanOrEqual(LOCK_WAIT_MS - 100);
      expect(waited).toBeLessThan(2000);

      // The lock has been held for the whole wait: a burst now is refused before the event loop's next turn.
      let turned = false;
      void nextTurn().then(() => (turned = true));
      const burst = await Promise.allSettled(Array.from({ length: 20 }, () => write(store, uniqueId('k'))));
      expect(turned).toBe(false);
      expect(burst.every((outcome) => outcome.status === 'rejected' && outcome.reason instanceof StoreUnavailableError)).toBe(true);
    } finally {
      await holder.release();
    }
    expect(await stored(store, refusedKey)).toBe(false);
    const after = uniqueId('k');
    await write(store, after);
    expect(await stored(store, after)).toBe(true);
  });
});
