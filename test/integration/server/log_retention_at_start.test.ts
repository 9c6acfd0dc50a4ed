import { describe, expect, it } from '@jest/globals';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { eventually } from '../store/eventually.js';
import { logRecord } from '../store/records.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The server sweeps log events past FITGATE_LOG_RETENTION_DAYS as soon as it starts. */
describe('log retention in the running server', () => {
  const server = useServerOnTempData();
  const { dataDir } = server;

  it(
    'deletes the events older than FITGATE_LOG_RETENTION_DAYS at start and keeps the newer ones',
    async () => {
      // A first start creates the default tenant; the events are written while no server runs.
      const first = server.start();
      await first.port();
      expect(await first.stop()).toBe(0);
      const old = logRecord('default', { dateMs: Date.now() - 8 * DAY_MS });
      const recent = logRecord('default', { dateMs: Date.now() - 6 * DAY_MS });
      const writer = SqliteStore.open(dataDir);
      await writer.logs.append(old);
      await writer.logs.append(recent);
      await writer.close();

      await server.start({ FITGATE_LOG_RETENTION_DAYS: '7' }).port();
      const reader = SqliteStore.open(dataDir);
      try {
        await eventually(async () => ((await reader.logs.get('default', old.id)) ? undefined : true), 'the old event is swept', 20_000);
        expect(await reader.logs.get('default', recent.id)).toEqual(recent);
      } finally {
        await reader.close();
      }
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
