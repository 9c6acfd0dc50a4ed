import { describe, expect, it } from '@jest/globals';
import { freePort } from '../../support/free_port.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** `PORT=3001 npm start` alone: the announced dashboard URL is on that port, and it answers. */
describe('a start with only PORT set', () => {
  const server = useServerOnTempData();

  it('announces http://localhost:PORT/manage, and that page answers', async () => {
    const port = await freePort();
    const running = server.start({ PORT: String(port) });
    const line = JSON.parse(await running.waitForLine(/fitgate is listening on port/)) as { dashboardUrl: string };
    expect(line.dashboardUrl).toBe(`http://localhost:${port}/manage`);
    const page = await fetch(`http://localhost:${port}/manage/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in');
  }, SERVER_TEST_TIMEOUT_MS);
});
