import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { createHealthRouter } from '../../../src/http/health.js';
import { createReadiness } from '../../../src/http/readiness.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { holdWriteLockInChild, watchEventLoop } from './lock_holder.js';
import { clientRecord, uniqueId } from './records.js';

/**
 * Another process holding fitgate.db's write lock (a backup tool, `npm run admin`) must not freeze
 * fitgate: SQLite's busy wait blocks the thread, so it is kept short, and writes that still find the
 * lock held wait with the event loop free. Before, each of ten such writes blocked the process for
 * a second, one after the other, and /health/live took eleven.
 */
describe('writes waiting for a lock another process holds', () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => testStore.cleanup());

  it('leave the event loop free: /health/live answers and timers fire while a burst of writes waits', async () => {
    const { store } = testStore;
    const tenant = uniqueId('t');
    const app = express().use(createHealthRouter(createReadiness(store)));
    const holder = await holdWriteLockInChild(join(testStore.location, DATABASE_FILE));
    let settled = 0;
    try {
      const loop = watchEventLoop();
      const writes = Array.from({ length: 10 }, (_, index) =>
        store.clients.create(clientRecord(tenant, { name: `burst ${index}` })).then(
          () => 'written',
          (error: unknown) => error,
        ),
      );
      for (const write of writes) void write.finally(() => (settled += 1));

      const live = await request(app).get('/health/live');
      // Answered while the writes still wait: nothing held the loop until they were done.
      expect(live.status).toBe(200);
      expect(settled).toBe(0);

      const outcomes = await Promise.all(writes);
      const longestStall = loop.stop();
      expect(outcomes.every((outcome) => outcome instanceof StoreUnavailableError)).toBe(true);
      // One short busy wait at most, never the second per write of before (generous for a loaded machine).
      expect(longestStall).toBeLessThan(500);
    } finally {
      await holder.release();
    }
    expect((await store.clients.list(tenant, { page: 0, perPage: 50 })).total).toBe(0);
  });
});
