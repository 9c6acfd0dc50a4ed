import { request } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { startTokenPostInParts } from '../../support/token_post_in_parts.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

describe('graceful shutdown', () => {
  const servers = useServerOnTempData();

  it('finishes a request whose body is still arriving when SIGTERM comes, refuses new connections, then exits 0', async () => {
    const server = servers.start();
    const port = await server.port();
    const inFlight = startTokenPostInParts((head) => request({ host: '127.0.0.1', port, ...head }));
    await inFlight.firstPartSent;

    server.child.kill('SIGTERM');
    await server.waitForLine(/received SIGTERM/);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();

    const answer = await inFlight.finish();
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.text)).toHaveProperty('error');
    expect(answer.headers.connection).toBe('close');
    expect(await server.exited()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);
});
