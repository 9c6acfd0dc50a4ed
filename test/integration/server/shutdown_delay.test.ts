import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** Longer than any test here may take: the stop must come from the second signal, not the delay's end. */
const LONG_DELAY_MS = 60_000;

async function ready(port: number): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

describe('FITGATE_SHUTDOWN_DELAY_MS on one process', () => {
  const servers = useServerOnTempData();

  it('keeps serving after SIGTERM with /health/ready 503 "stopping", then stops gracefully and exits 0', async () => {
    const server = servers.start({ FITGATE_SHUTDOWN_DELAY_MS: '4000', LOG_LEVEL: 'info' });
    const port = await server.port();
    expect((await ready(port)).status).toBe(200);

    server.child.kill('SIGTERM');
    await server.waitForLine(/serving for 4000 ms more while \/health\/ready answers 503/);
    expect(await ready(port)).toEqual({ status: 503, retryAfter: '5', body: { status: 'stopping' } });
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    expect(server.stdout()).not.toMatch(/fitgate stopped/);

    expect(await server.exited()).toBe(0);
    expect(server.stdout()).toMatch(/received SIGTERM: finishing requests in flight/);
    expect(server.stderr()).toBe('');
  }, SERVER_TEST_TIMEOUT_MS);

  it('stops at once on a second SIGTERM during the delay', async () => {
    const server = servers.start({ FITGATE_SHUTDOWN_DELAY_MS: String(LONG_DELAY_MS), LOG_LEVEL: 'info' });
    const port = await server.port();
    server.child.kill('SIGTERM');
    await server.waitForLine(/serving for 60000 ms more/);
    expect((await ready(port)).body).toEqual({ status: 'stopping' });

    const secondAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
    expect(Date.now() - secondAt).toBeLessThan(LONG_DELAY_MS / 2);
    expect(server.stdout()).toMatch(/received SIGTERM again: stopping now/);
  }, SERVER_TEST_TIMEOUT_MS);
});
