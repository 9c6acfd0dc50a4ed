import type { ServerResponse } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_MAX_BODY_BYTES, exchangeHttp, HttpBodyTooLargeError } from '../../../src/connections/upstream_http.js';
import { useThrowawayServer } from './throwaway_server.js';

const { serve } = useThrowawayServer();

/** Writes chunks for as long as the client reads them, as an upstream whose body has no end; resolves when the client closed the connection. */
function endlessBody(response: ServerResponse): Promise<void> {
  const chunk = Buffer.alloc(16 * 1024, 'x');
  const closed = new Promise<void>((resolve) => response.once('close', resolve));
  const pour = (): void => {
    while (!response.destroyed && response.write(chunk));
  };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.on('drain', pour);
  pour();
  return closed;
}

/** An answer's body has a bound: past it the exchange fails, the connection closed and the rest unread, unless asked for the body's start. */
describe('exchangeHttp and the size of a body', () => {
  it('refuses a body whose Content-Length is past the bound before reading any of it', async () => {
    let closed: Promise<void> | undefined;
    const url = await serve((_request, response) => {
      closed = new Promise<void>((resolve) => response.once('close', resolve));
      response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      response.flushHeaders(); // and never sends the body: only the header can have been read
    });
    const failure = await exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 10_000, maxBodyBytes: 1024 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpBodyTooLargeError);
    expect(failure).toMatchObject({ name: 'BodyTooLargeError', status: 200, maxBodyBytes: 1024 });
    await closed; // the client closed the connection rather than wait for the body
  });

  it('refuses a body without a Content-Length once more than the bound arrived, closing the connection on the rest', async () => {
    let closed: Promise<void> | undefined;
    const url = await serve((_request, response) => {
      closed = endlessBody(response);
    });
    const failure = await exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 10_000, maxBodyBytes: 64 * 1024 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpBodyTooLargeError);
    expect(failure).toMatchObject({ status: 200, maxBodyBytes: 64 * 1024 });
    await closed;
  });

  it.each([
    ['with', true],
    ['without', false],
  ])('takes a body of exactly the default bound (1 MiB) %s a Content-Length whole, and refuses one byte more', async (_case, announced) => {
    const url = await serve((request, response) => {
      const size = DEFAULT_MAX_BODY_BYTES + (request.url === '/over' ? 1 : 0);
      response.writeHead(200, announced ? { 'content-length': String(size) } : {});
      response.end(Buffer.alloc(size, 'y'));
    });
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1024 * 1024);
    const whole = await exchangeHttp({ url: `${url}/exact`, method: 'GET', headers: {}, timeoutMs: 10_000 });
    expect(whole.body).toHaveLength(DEFAULT_MAX_BODY_BYTES);
    await expect(exchangeHttp({ url: `${url}/over`, method: 'GET', headers: {}, timeoutMs: 10_000 })).rejects.toMatchObject({ name: 'BodyTooLargeError', maxBodyBytes: DEFAULT_MAX_BODY_BYTES });
  });

  it('with keepBodyStart, answers the first maxBodyBytes of a longer body, not waiting for the rest', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('x'.repeat(100)); // and never ends
    });
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000, maxBodyBytes: 10, keepBodyStart: true })).resolves.toMatchObject({ status: 200, body: 'x'.repeat(10) });
  });

  it('with keepBodyStart, answers a body within maxBodyBytes whole', async () => {
    const url = await serve((_request, response) => response.end('short'));
    await expect(exchangeHttp({ url, method: 'GET', headers: {}, timeoutMs: 2_000, maxBodyBytes: 5, keepBodyStart: true })).resolves.toMatchObject({ body: 'short' });
  });
});
