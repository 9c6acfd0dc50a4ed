import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingHttpHeaders } from 'node:http';
import { createUpstreamFetch } from '../../../src/connections/upstream_fetch.js';
import { startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the HTTP port sends for a plain init: the method, the headers and the body, as UpstreamFetchInit documents. */
describe('upstreamFetch and the request it sends', () => {
  let upstream: LoopbackHttpServer;
  const received: Received[] = [];
  beforeAll(async () => {
    upstream = await startLoopbackHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method ?? '', headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
  });
  afterAll(() => upstream.close());

  const upstreamFetch = createUpstreamFetch({ timeoutMs: 2_000 });

  it('sends a GET with the headers given when there is no body', async () => {
    await upstreamFetch('profile', `${upstream.url}/me`, { headers: { authorization: 'Bearer abc' } });
    expect(received.at(-1)).toMatchObject({ method: 'GET', headers: { authorization: 'Bearer abc' }, body: '' });
  });

  it('sends a POST with a body and no method, its length counted in bytes', async () => {
    await upstreamFetch('token', `${upstream.url}/token`, { body: 'name=%C3%A9' });
    expect(received.at(-1)).toMatchObject({ method: 'POST', headers: { 'content-length': '11' }, body: 'name=%C3%A9' });
  });

  it('sends the method named', async () => {
    await upstreamFetch('revoke', `${upstream.url}/grant`, { method: 'DELETE' });
    expect(received.at(-1)?.method).toBe('DELETE');
  });

  it('sends URLSearchParams as a form, typed as fetch types it unless the plugin named a type', async () => {
    await upstreamFetch('token', `${upstream.url}/token`, { body: new URLSearchParams({ code: 'a b', state: 'é' }) });
    expect(received.at(-1)).toMatchObject({ headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, body: 'code=a+b&state=%C3%A9' });
    await upstreamFetch('token', `${upstream.url}/token`, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code: 'x' }) });
    expect(received.at(-1)).toMatchObject({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=x' });
  });
});
