import { describe, expect, it } from '@jest/globals';
import { exchangeHttp } from '../../../src/connections/upstream_http.js';
import { readBody, useThrowawayServer } from './throwaway_server.js';

const throwaway = useThrowawayServer();

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * A request that dies on a kept-alive connection before any answer is sent again only when a second
 * copy cannot repeat what the first did: the upstream may have acted on it and lost the connection
 * before answering, and a code exchange or a refresh carried out twice spends the code or the
 * rotating refresh token.
 */
describe('exchangeHttp on a kept-alive connection that breaks', () => {
  it('sends a GET once more on a new connection when a kept-alive one was reset before any answer', async () => {
    const { url, received } = await throwaway.serveCounting((request, response, socketRequests) => {
      if (socketRequests > 1) return void request.socket.destroy(); // what a server closing an idle connection looks like to the client
      response.end('fresh');
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).resolves.toMatchObject({ body: 'fresh' });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).resolves.toMatchObject({ body: 'fresh' });
    expect(received).toEqual([
      { method: 'GET', onConnection: 1 },
      { method: 'GET', onConnection: 2 },
      { method: 'GET', onConnection: 1 },
    ]);
  });

  it('sends it once more on a connection of its own, not on another pooled one the server may have closed too', async () => {
    const { url, received } = await throwaway.serveCounting((request, response, socketRequests) => {
      if (socketRequests > 1) return void request.socket.destroy();
      response.end('fresh');
    });
    // Two calls at once leave two kept-alive connections in the pool, both of which the server then drops.
    await Promise.all([exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 }), exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })]);
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).resolves.toMatchObject({ body: 'fresh' });
    expect(received.slice(2)).toEqual([
      { method: 'GET', onConnection: 2 },
      { method: 'GET', onConnection: 1 },
    ]);
  });

  it('does not send again when the reused connection fails otherwise than dying: an answer the client cannot read is an answer', async () => {
    const { url, received } = await throwaway.serveCounting((request, response, socketRequests) => {
      if (socketRequests > 1) return void request.socket.end('garbage\r\n\r\n');
      response.end('fresh');
    });
    await exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'HPE_INVALID_CONSTANT' });
    expect(received).toHaveLength(2);
  });

  it('does not send a POST again once the upstream could have read it whole: it fails, and the upstream saw it once', async () => {
    const { url, received } = await throwaway.serveCounting((request, response, socketRequests) => {
      // The upstream reads the exchange (and would carry it out), then loses the connection before answering.
      readBody(request, () => (socketRequests > 1 ? request.socket.destroy() : response.end('warm')));
    });
    await exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 });
    const exchange = exchangeHttp({ url: `${url}/token`, method: 'POST', headers: FORM, body: 'grant_type=refresh_token&refresh_token=rt-1', timeoutMs: 2_000 });
    await expect(exchange).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(received.filter(({ method }) => method === 'POST')).toEqual([{ method: 'POST', onConnection: 2 }]);
  });

  it('sends a POST once more when the connection broke before the request had wholly left', async () => {
    // Larger than any socket buffer on loopback: the client cannot have handed it all to the kernel when the server resets.
    const body = `code=${'c'.repeat(16 * 1024 * 1024)}`;
    const { url, received } = await throwaway.serveCounting((request, response, socketRequests) => {
      if (request.method === 'POST' && socketRequests > 1) return void request.socket.destroy(); // on the headers, the body unread
      readBody(request, (bytes) => response.end(String(bytes)));
    });
    await exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 10_000 });
    await expect(exchangeHttp({ url: `${url}/token`, method: 'POST', headers: FORM, body, timeoutMs: 10_000 })).resolves.toMatchObject({ status: 200, body: String(body.length) });
    expect(received.filter(({ method }) => method === 'POST')).toEqual([
      { method: 'POST', onConnection: 2 },
      { method: 'POST', onConnection: 1 },
    ]);
  });

  it('does not send again when the connection breaks after the answer began', async () => {
    const { url, received } = await throwaway.serveCounting((request, response) => {
      response.writeHead(200);
      response.write('half');
      setImmediate(() => request.socket.destroy());
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(received).toHaveLength(1);
  });
});
