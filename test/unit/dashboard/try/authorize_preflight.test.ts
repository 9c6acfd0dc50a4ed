import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { preflightAuthorize } from '../../../../src/dashboard/try/authorize_preflight.js';

/** A stand-in upstream answering each path the way Fitbit's and Google's authorize pages do. */
const ANSWERS: Record<string, [number, string]> = {
  '/consent': [200, '<h1>Sign in</h1>'],
  '/google-mismatch': [400, '<p>Error 400: <b>redirect_uri_mismatch</b></p><p>The redirect URI in the request does not match.</p>'],
  '/fitbit-mismatch': [400, '<p><strong>invalid_request</strong> - Invalid redirect_uri parameter value</p>'],
  '/unknown-client': [401, '<p><strong>invalid_client</strong> - The OAuth client was not found.</p>'],
  '/fitbit-unknown-client': [400, '<p><strong>unauthorize_client</strong> - Invalid client_id</p>'],
  '/gone': [410, 'Gone'],
  '/teapot': [418, 'short and stout'],
};

describe('checking the authorize URL before sending the browser', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const [status, body] = ANSWERS[req.url ?? ''] ?? [404, ''];
      res.writeHead(status, { 'content-type': 'text/html' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lets the browser go when the upstream would show its page', async () => {
    expect(await preflightAuthorize(`${base}/consent`)).toBeUndefined();
  });

  it('recognises an unregistered callback URL on either upstream', async () => {
    expect(await preflightAuthorize(`${base}/google-mismatch`)).toMatchObject({ kind: 'redirect_uri_mismatch', upstreamSaid: expect.stringContaining('redirect_uri_mismatch') });
    expect(await preflightAuthorize(`${base}/fitbit-mismatch`)).toMatchObject({
      kind: 'redirect_uri_mismatch',
      upstreamSaid: 'authorize: HTTP 400 invalid_request “Invalid redirect_uri parameter value”',
    });
  });

  it('recognises an unknown client, the legacy shutdown and anything else refused', async () => {
    // At authorize only the client id has been sent: invalid_client there means an unknown client id.
    expect(await preflightAuthorize(`${base}/unknown-client`)).toMatchObject({ kind: 'unknown_client', upstreamSaid: expect.stringContaining('The OAuth client was not found') });
    expect(await preflightAuthorize(`${base}/fitbit-unknown-client`)).toMatchObject({ kind: 'unknown_client' });
    expect(await preflightAuthorize(`${base}/gone`)).toEqual({ kind: 'gone', upstreamSaid: 'authorize: HTTP 410 Gone' });
    expect(await preflightAuthorize(`${base}/teapot`)).toEqual({ kind: 'upstream_error', upstreamSaid: 'authorize: HTTP 418' });
  });

  it('lets the browser go when the upstream does not answer at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await preflightAuthorize(`http://127.0.0.1:${port}/`)).toBeUndefined();
  });
});
