import { describe, expect, it } from '@jest/globals';
import { freePort } from '../../support/free_port.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** Whether something listens for `host` on `port` (an IPv6 host in brackets). */
async function answers(host: string, port: number, path: string): Promise<boolean> {
  return fetch(`http://${host}:${port}${path}`).then(
    () => true,
    () => false,
  );
}

/**
 * FITGATE_HOST and FITGATE_METRICS_HOST: the public port on every interface unless told otherwise,
 * the metrics on loopback (127.0.0.1) only unless told otherwise. Seen from this machine, ::1 stands
 * for "another address": a listener bound to 127.0.0.1 does not answer there, one on every interface does.
 */
describe('the addresses fitgate listens on', () => {
  const servers = useServerOnTempData();

  it('are every interface for the public port and 127.0.0.1 alone for the metrics by default', async () => {
    const metricsPort = await freePort();
    const server = servers.start({ FITGATE_METRICS_PORT: String(metricsPort) });
    const port = await server.port();
    expect(await answers('127.0.0.1', port, '/health/live')).toBe(true);
    expect(await answers('[::1]', port, '/health/live')).toBe(true);
    expect(await answers('127.0.0.1', metricsPort, '/metrics')).toBe(true);
    expect(await answers('[::1]', metricsPort, '/metrics')).toBe(false);
    expect(await server.stop()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);

  it('are the addresses given', async () => {
    const metricsPort = await freePort();
    const server = servers.start({ FITGATE_HOST: '127.0.0.1', FITGATE_METRICS_PORT: String(metricsPort), FITGATE_METRICS_HOST: '::' });
    const port = await server.port();
    expect(await answers('127.0.0.1', port, '/health/live')).toBe(true);
    expect(await answers('[::1]', port, '/health/live')).toBe(false);
    expect(await answers('[::1]', metricsPort, '/metrics')).toBe(true);
    expect(JSON.parse(await server.waitForLine(/listening on port/))).toMatchObject({ port, host: '127.0.0.1' });
  }, SERVER_TEST_TIMEOUT_MS);
});
