import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../../support/free_port.js';
import { makeServerCertificate, type ServerCertificate } from './https_client.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** No exchange of these tests waits longer: a connection left open fails the test. */
const BOUND_MS = 10_000;

/** Everything the server sends on a fresh TCP connection after `bytes`, until it closes the connection. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(BOUND_MS, () => socket.destroy(new Error(`the connection was still open after ${BOUND_MS} ms; received: ${JSON.stringify(received)}`)));
  });
}

/**
 * With FITGATE_TLS_CERT_FILE, PORT serves https only: a developer who types http:// gets a 400
 * naming the https URL, where TLS alone would drop the connection without a word. TLS connections,
 * kept alive for several requests, are served as before.
 */
describe('a plain http request to the https port', () => {
  const servers = useServerOnTempData();
  let certificate: ServerCertificate;
  let port: number;

  beforeAll(async () => {
    certificate = await makeServerCertificate();
    port = await freePort();
    await servers.start({ PORT: String(port), FITGATE_TLS_CERT_FILE: certificate.certFile, FITGATE_TLS_KEY_FILE: certificate.keyFile }).port();
  }, SERVER_TEST_TIMEOUT_MS);
  afterAll(() => certificate?.remove());

  it('is answered 400, in plain text, with the https URL of the host and port it asked for, and the connection closed', async () => {
    const answer = await new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
      const req = httpRequest(`http://localhost:${port}/manage`, { agent: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      });
      req.setTimeout(BOUND_MS, () => req.destroy(new Error(`no answer within ${BOUND_MS} ms`)));
      req.on('error', reject);
      req.end();
    });
    expect(answer).toEqual({
      status: 400,
      headers: expect.objectContaining({ 'content-type': 'text/plain; charset=utf-8', connection: 'close' }),
      text: `This port serves https: use https://localhost:${port}/\n`,
    });
  });

  it('names no host when the Host header is not a host and port, and echoes nothing of it', async () => {
    const answer = await rawExchange(port, `GET / HTTP/1.1\r\nHost: localhost:${port}/<script>alert(1)</script>\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('\r\nConnection: close\r\n');
    expect(answer.endsWith('\r\n\r\nThis port serves https: use https:// instead of http://\n')).toBe(true);
    expect(answer).not.toContain('script');
  });

  it('leaves https as it was: two requests over one kept-alive TLS connection are both answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: certificate.certPem });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = httpsRequest(`https://localhost:${port}/health/live`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, reused: req.reusedSocket }));
        });
        req.setTimeout(BOUND_MS, () => req.destroy(new Error(`no answer within ${BOUND_MS} ms`)));
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toEqual({ status: 200, reused: false });
      expect(await get()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
