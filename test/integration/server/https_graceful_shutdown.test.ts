import { request } from 'node:https';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startTokenPostInParts } from '../../support/token_post_in_parts.js';
import { makeServerCertificate, type ServerCertificate } from './https_client.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** The graceful stop of test/integration/server/graceful_shutdown.test.ts, on fitgate's own https listener. */
describe('graceful shutdown over https', () => {
  const servers = useServerOnTempData();
  let certificate: ServerCertificate | undefined;
  afterAll(() => certificate?.remove());

  it('finishes a request whose body is still arriving when SIGTERM comes, refuses new connections, then exits 0', async () => {
    certificate = await makeServerCertificate();
    const ca = certificate.certPem;
    const server = servers.start({ FITGATE_TLS_CERT_FILE: certificate.certFile, FITGATE_TLS_KEY_FILE: certificate.keyFile, FITGATE_PUBLIC_URL: 'https://localhost:3000' });
    const port = await server.port();
    const inFlight = startTokenPostInParts((head) => request({ host: 'localhost', port, ca, agent: false, ...head }));
    await inFlight.firstPartSent;

    server.child.kill('SIGTERM');
    await server.waitForLine(/received SIGTERM/);
    const refused = new Promise((resolve, reject) => request({ host: 'localhost', port, ca, path: '/health/live' }, resolve).on('error', reject).end());
    await expect(refused).rejects.toThrow();

    const answer = await inFlight.finish();
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.text)).toHaveProperty('error');
    expect(answer.headers.connection).toBe('close');
    expect(await server.exited()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);
});
