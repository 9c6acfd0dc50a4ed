import { existsSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from '../server/spawn_server.js';

describe('starting with workers on a port another program holds', () => {
  const dataDir = tempDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the single-process line once, naming the port, exits 1, and bootstraps nothing', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const server = startServer({ FITGATE_DATA_DIR: dataDir, PORT: String(port), FITGATE_WORKERS: '2' });
      expect(await server.exited()).toBe(1);
      expect(server.stderr()).toMatch(
        new RegExp(
          `^fitgate: could not start: listen EADDRINUSE: address already in use \\S*:${port}: another program \\(another fitgate\\?\\) is listening on that port; stop it, or set PORT to a free port\\n$`,
        ),
      );
      expect(server.stdout()).toBe('');
      // Found before the store was opened: no database, no first admin, nothing to undo.
      expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  }, SERVER_TEST_TIMEOUT_MS);
});
