import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** Resolves once the server has read the request head (it answers Expect: 100-continue). */
function startStreamingPost(port: number, bodyLength: number): { req: ClientRequest; accepted: Promise<void>; response: Promise<IncomingMessage> } {
  const req = request({
    host: '127.0.0.1',
    port,
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

describe('graceful shutdown', () => {
  const servers = useServerOnTempData();

  it('finishes a request whose body is still arriving when SIGTERM comes, refuses new connections, then exits 0', async () => {
    const server = servers.start();
    const port = await server.port();
    const body = 'grant_type=client_credentials&client_id=nobody';
    const inFlight = startStreamingPost(port, body.length);
    await inFlight.accepted;
    inFlight.req.write(body.slice(0, 10));

    server.child.kill('SIGTERM');
    await server.waitForLine(/received SIGTERM/);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();

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
