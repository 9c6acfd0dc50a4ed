import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { LOG_BATCH_DELAY_MS, LOG_BATCH_MAX_EVENTS } from '../../../src/store/sqlite/log_batch.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { eventually } from './eventually.js';
import { logRecord, uniqueId } from './records.js';

describe('log events committed in batches on the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-log-batches-'));
  // Another connection, as another process would read the file.
  const reader = (): Database.Database => new Database(join(dataDir, DATABASE_FILE));
  const committed = (tenant: string): number => {
    const db = reader();
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM logs WHERE tenant = ?').get(tenant) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('commits many appends in one transaction, within the batch delay, without a read to trigger it', async () => {
    const store = SqliteStore.open(dataDir);
    try {
      const tenant = uniqueId('t');
      const before = store.commitCounts().durable;
      const started = Date.now();
      for (let i = 0; i < 10; i += 1) await store.logs.append(logRecord(tenant, { type: 's' }));
      await eventually(async () => (committed(tenant) === 10 ? true : undefined), 'the batch is committed');
      expect(Date.now() - started).toBeLessThan(LOG_BATCH_DELAY_MS + 1000);
      expect(store.commitCounts().durable - before).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('commits a full batch at once and the rest on close', async () => {
    const store = SqliteStore.open(dataDir);
    const tenant = uniqueId('t');
    for (let i = 0; i < LOG_BATCH_MAX_EVENTS + 3; i += 1) await store.logs.append(logRecord(tenant, { type: 's' }));
    expect(committed(tenant)).toBe(LOG_BATCH_MAX_EVENTS);
    await store.close();
    expect(committed(tenant)).toBe(LOG_BATCH_MAX_EVENTS + 3);
  });

  it('shows a reader in the same process its own appends at once', async () => {
    const store = SqliteStore.open(dataDir);
    try {
      const event = logRecord(uniqueId('t'), { type: 'f' });
      await store.logs.append(event);
      expect(await store.logs.get(event.tenant, event.id)).toEqual(event);
    } finally {
      await store.close();
    }
  });
});
