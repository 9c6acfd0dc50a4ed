import type { ClientRequest, IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { afterAll, describe, expect, it } from '@jest/globals';
import { makeServerCertificate, type ServerCertificate } from './https_client.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** Resolves once the server has read the request head (it answers Expect: 100-continue). */
function startStreamingPost(port: number, ca: string, bodyLength: number): { req: ClientRequest; accepted: Promise<void>; response: Promise<IncomingMessage> } {
  const req = request({
    host: 'localhost',
    port,
    ca,
    agent: false,
    method: 'POST',
    path: '/oauth/token',
    headers: {
      Host: 'localhost:3000',
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(bodyLength),
      Expect: '100-continue',
      Accept: 'application/json',
    },
  });
  const accepted = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  req.flushHeaders();
  return { req, accepted, response };
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => resolve(text));
    response.on('error', reject);
  });
}

/** The graceful stop of test/integration/server/graceful_shutdown.test.ts, on fitgate's own https listener. */
describe('graceful shutdown over https', () => {
  const servers = useServerOnTempData();
  let certificate: ServerCertificate | undefined;
  afterAll(() => certificate?.remove());

  it('finishes a request whose body is still arriving when SIGTERM comes, refuses new connections, then exits 0', async () => {
    certificate = await makeServerCertificate();
    const server = servers.start({ FITGATE_TLS_CERT_FILE: certificate.certFile, FITGATE_TLS_KEY_FILE: certificate.keyFile, FITGATE_PUBLIC_URL: 'https://localhost:3000' });
    const port = await server.port();
    const body = 'grant_type=client_credentials&client_id=nobody';
    const inFlight = startStreamingPost(port, certificate.certPem, body.length);
    await inFlight.accepted;
    inFlight.req.write(body.slice(0, 10));

    server.child.kill('SIGTERM');
    await server.waitForLine(/received SIGTERM/);
    const refused = new Promise((resolve, reject) => request({ host: 'localhost', port, ca: certificate?.certPem, path: '/health/live' }, resolve).on('error', reject).end());
    await expect(refused).rejects.toThrow();

    inFlight.req.end(body.slice(10));
    const response = await inFlight.response;
    const text = await readBody(response);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(JSON.parse(text)).toHaveProperty('error');
    expect(response.headers.connection).toBe('close');
    expect(await server.exited()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);
});
