import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

describe('starting on a port another program holds', () => {
  it('exits with code 1 and says what to do: stop the other program or choose another PORT', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const server = startServer({ FITGATE_DATA_DIR: tempDataDir(), PORT: String(port) });
      expect(await server.exited()).toBe(1);
      expect(server.stderr()).toMatch(
        new RegExp(`^fitgate: could not start: listen EADDRINUSE: address already in use \\S*:${port}: another program \\(another fitgate\\?\\) is listening on that port; stop it, or set PORT to a free port\\n$`),
      );
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  }, SERVER_TEST_TIMEOUT_MS);

  it('says the same with workers, whose listen the primary binds', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const server = startServer({ FITGATE_DATA_DIR: tempDataDir(), PORT: String(port), FITGATE_WORKERS: '2' });
      expect(await server.exited()).not.toBe(0);
      expect(server.stderr()).toContain('another program (another fitgate?) is listening on that port; stop it, or set PORT to a free port');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  }, SERVER_TEST_TIMEOUT_MS);
});
