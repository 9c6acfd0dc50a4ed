import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { exchangeHttp, HttpTimeoutError } from '../../../src/connections/upstream_http.js';

let server: Server | undefined;

async function serve(handler: (request: IncomingMessage, response: ServerResponse, socketRequests: number) => void): Promise<string> {
  const requestsPerSocket = new WeakMap<Socket, number>();
  server = createServer((request, response) => {
    const count = (requestsPerSocket.get(request.socket) ?? 0) + 1;
    requestsPerSocket.set(request.socket, count);
    handler(request, response, count);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The transport under the HTTP port and TRY's authorize check: node:http over pooled keep-alive connections. */
describe('exchangeHttp', () => {
  it('posts the body with its length and answers the status, lower-case headers and the whole body', async () => {
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.setHeader('X-Echo-Length', String(request.headers['content-length']));
        response.setHeader('Set-Cookie', ['a=1', 'b=2']);
        response.writeHead(201, { 'Content-Type': 'application/json' });
        response.write('{"echo":');
        response.end(JSON.stringify(body) + '}');
      });
    });
    const answer = await exchangeHttp({ url: `${url}/token`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=%C3%A9', timeoutMs: 2_000 });
    expect(answer).toMatchObject({ status: 201, body: '{"echo":"a=1&b=%C3%A9"}' });
    expect(answer.headers).toMatchObject({ 'x-echo-length': '12', 'set-cookie': 'a=1, b=2', 'content-type': 'application/json' });
  });

  it('bounds the whole exchange, the body included, and says so with HttpTimeoutError', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      response.write('{"partial":'); // and never ends
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 200 })).rejects.toBeInstanceOf(HttpTimeoutError);
  });

  it('rejects with the socket error code when nothing listens', async () => {
    const url = await serve(() => undefined);
    server!.close();
    await new Promise<void>((resolve) => server!.once('close', resolve));
    server = undefined;
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('sends a request once more on a new connection when a kept-alive one was reset before any answer', async () => {
    const url = await serve((request, response, socketRequests) => {
      if (socketRequests > 1) {
        request.socket.destroy(); // what a server closing an idle connection looks like to the client
        return;
      }
      response.end('fresh');
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).resolves.toMatchObject({ body: 'fresh' });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).resolves.toMatchObject({ body: 'fresh' });
  });

  it('does not send again when the connection breaks after the answer began', async () => {
    let requests = 0;
    const url = await serve((request, response) => {
      requests += 1;
      response.writeHead(200);
      response.write('half');
      setImmediate(() => request.socket.destroy());
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(requests).toBe(1);
  });

  it('answers a redirect as it came, following none', async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests += 1;
      response.writeHead(302, { location: '/elsewhere' }).end();
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).resolves.toMatchObject({ status: 302, headers: { location: '/elsewhere' } });
    expect(requests).toBe(1);
  });

  it('keeps at most maxBodyBytes of the body, not waiting for the rest', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      response.write('x'.repeat(100)); // and never ends
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000, maxBodyBytes: 10 })).resolves.toMatchObject({ status: 200, body: 'x'.repeat(10) });
  });

  it('answers a body within maxBodyBytes whole', async () => {
    const url = await serve((_request, response) => response.end('short'));
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000, maxBodyBytes: 5 })).resolves.toMatchObject({ body: 'short' });
  });
});
