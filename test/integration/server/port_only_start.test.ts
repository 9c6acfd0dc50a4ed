import { createServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** `PORT=3001 npm start` alone: the printed dashboard URL is on that port, and it answers. */
describe('a start with only PORT set', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('prints http://localhost:PORT/manage, and that page answers', async () => {
    const port = await freePort();
    server = startServer({ FITGATE_DATA_DIR: tempDataDir(), PORT: String(port) });
    expect(await server.waitForLine(/^Dashboard: /)).toBe(`Dashboard: http://localhost:${port}/manage`);
    const page = await fetch(`http://localhost:${port}/manage/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in');
  }, SERVER_TEST_TIMEOUT_MS);
});
