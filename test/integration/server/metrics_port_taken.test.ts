import { readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

// The public PORT taken: port_taken.test.ts.
describe('starting with FITGATE_METRICS_PORT held by another program', () => {
  it.each([['one process', '1'], ['workers', '2']])(
    'exits 1 with one line saying what to do, before it writes anything or serves (%s)',
    async (_, workers) => {
      const other = createServer();
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const { port } = other.address() as AddressInfo;
      try {
        const dataDir = tempDataDir();
        const server = startServer({ FITGATE_DATA_DIR: dataDir, FITGATE_METRICS_PORT: String(port), FITGATE_WORKERS: workers });
        expect(await server.exited()).toBe(1);
        expect(server.stderr()).toBe(
          `fitgate: cannot serve metrics on FITGATE_METRICS_PORT ${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}: ` +
            'another program (another fitgate?) is listening on that port; stop it, or set FITGATE_METRICS_PORT to a free port\n',
        );
        // Not served first, nor a first admin (and its one-time password file) made, nor secrets generated.
        expect(server.stdout()).toBe('');
        expect(readdirSync(dataDir)).toEqual([]);
      } finally {
        await new Promise((resolve) => other.close(resolve));
      }
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});
