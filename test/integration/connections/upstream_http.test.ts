import { describe, expect, it } from '@jest/globals';
import { exchangeHttp, HttpTimeoutError } from '../../../src/connections/upstream_http.js';
import { useThrowawayServer } from './throwaway_server.js';

const { serve, close } = useThrowawayServer();

/**
 * The transport under the HTTP port and TRY's authorize check: node:http over pooled keep-alive
 * connections. The size of a body: upstream_http_body_limit.test.ts; a kept-alive connection that
 * breaks: upstream_http_stale_socket.test.ts.
 */
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
    await close();
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
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
});
