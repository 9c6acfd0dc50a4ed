import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { holdWriteLock } from '../store/lock_holder.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

/**
 * Another process keeps fitgate.db's write lock (a backup tool, an sqlite3 shell left in a
 * transaction, `npm run admin` mid-way) while fitgate starts: after waiting for it as long as
 * opening does (5 s), the start stops with exit code 1 and one line saying what may hold the file
 * and what to do, instead of SQLite's bare "database is locked".
 */
describe('starting while another process holds the embedded database', () => {
  const dataDir = tempDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits with code 1 naming the file, who may hold it and how to find it; starts once it is let go', async () => {
    // A data directory fitgate has started on before: its secrets and both files exist.
    loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: dataDir });
    await SqliteStore.open(dataDir).close();

    const path = join(dataDir, DATABASE_FILE);
    const holder = holdWriteLock(path);
    try {
      const server = startServer({ FITGATE_DATA_DIR: dataDir });
      expect(await server.exited()).toBe(1);
      expect(server.stderr()).toBe(
        `fitgate: could not start: cannot open the embedded database in FITGATE_DATA_DIR (${dataDir}): ` +
          'fitgate.db is locked by another process (waited 5 s): one that keeps a transaction open, such as another fitgate ' +
          'or `npm run admin` on the same FITGATE_DATA_DIR, a backup tool, or an sqlite3 shell; let it finish or stop it ' +
          `(\`fuser -v ${path}\` names it), then start fitgate again\n`,
      );
      expect(server.stdout()).toBe('');
    } finally {
      await holder.release();
    }

    const again = startServer({ FITGATE_DATA_DIR: dataDir });
    try {
      expect(await again.port()).toBeGreaterThan(0);
    } finally {
      await again.stop();
    }
  }, SERVER_TEST_TIMEOUT_MS);
});
