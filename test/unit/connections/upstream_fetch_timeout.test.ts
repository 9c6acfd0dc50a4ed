import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUpstreamFetch } from '../../../src/connections/upstream_fetch.js';
import { startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

/** The HTTP port bounds each call, body included, and says so in a way a plugin can classify. */
describe('upstreamFetch and timeoutMs', () => {
  let upstream: LoopbackHttpServer;
  beforeAll(async () => {
    upstream = await startLoopbackHttpServer((req, res) => {
      // /silent never answers; /stalled sends its headers and part of the body, then nothing more.
      if (req.url === '/stalled') res.writeHead(200, { 'content-type': 'application/json' }).write('{"access_');
    });
  });
  afterAll(() => upstream.close());

  it('rejects with a TimeoutError naming the call and the bound when no answer comes in time', async () => {
    const upstreamFetch = createUpstreamFetch({ timeoutMs: 100 });
    const failure = await upstreamFetch('token', `${upstream.url}/silent`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ name: 'TimeoutError', operation: 'token', timeoutMs: 100, message: 'Upstream token call got no answer within 100 ms' });
  });

  it('bounds the body too: an answer whose body stalls rejects the same way', async () => {
    const upstreamFetch = createUpstreamFetch({ timeoutMs: 100 });
    await expect(upstreamFetch('refresh', `${upstream.url}/stalled`)).rejects.toMatchObject({ name: 'TimeoutError', operation: 'refresh' });
  });
});
