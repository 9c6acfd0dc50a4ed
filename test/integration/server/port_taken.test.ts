import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

// With workers: test/integration/cluster/port_taken.test.ts.
describe('starting on a port another program holds', () => {
  it('exits with code 1 and says what to do, before it writes anything to the data directory', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const dataDir = tempDataDir();
      const server = startServer({ FITGATE_DATA_DIR: dataDir, PORT: String(port) });
      expect(await server.exited()).toBe(1);
      // Another fitgate on the same data directory would otherwise serve the admin and client this start
      // made; and not even the secret files are generated: nothing is written.
      expect(existsSync(join(dataDir, 'fitgate.db'))).toBe(false);
      expect(readdirSync(dataDir)).toEqual([]);
      expect(server.stderr()).toMatch(
        new RegExp(`^fitgate: could not start: listen EADDRINUSE: address already in use \\S*:${port}: another program \\(another fitgate\\?\\) is listening on that port; stop it, or set PORT to a free port\\n$`),
      );
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  }, SERVER_TEST_TIMEOUT_MS);
});
