import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

const WARNING = /does not follow the random port/;

/**
 * PORT=0 (as these spawn tests run) listens on a port the default public URL cannot follow: the start
 * line names the port bound, and the warning right under it says the dashboard link is not on it and
 * what to set. A given FITGATE_PUBLIC_URL is trusted to be where fitgate is reached: no warning.
 */
describe('a start on a random port', () => {
  const servers = useServerOnTempData();

  it('says the port it listens on, and warns that the default public URL stayed on port 3000', async () => {
    const server = servers.start();
    const port = await server.port();
    await server.waitForLine(WARNING);
    const [listening, warning] = server
      .stdout()
      .split('\n')
      // Lines after these two may still be arriving.
      .slice(0, 2)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(listening).toMatchObject({ level: 30, port, dashboardUrl: 'http://localhost:3000/manage', msg: expect.stringMatching(new RegExp(`^fitgate is listening on port ${port} `)) });
    expect(warning).toMatchObject({
      level: 40,
      variable: 'FITGATE_PUBLIC_URL',
      port,
      msg: expect.stringContaining(`fitgate listens on port ${port}, but its public URL (and so the dashboard link) stays http://localhost:3000`),
    });
    expect(await server.stop()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);

  it('does not warn when FITGATE_PUBLIC_URL says where fitgate is reached', async () => {
    const server = servers.start({ FITGATE_PUBLIC_URL: 'http://localhost:3000' });
    expect(await server.port()).toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);
    expect(server.stdout()).toContain('fitgate stopped');
    expect(server.stdout()).not.toMatch(WARNING);
  }, SERVER_TEST_TIMEOUT_MS);
});
