import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUpstreamFetch } from '../../../src/upstream/upstream_fetch.js';
import { startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

/** The host's HTTP port bounds each call, body included, and says so in a way a plugin can classify. */
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

  it('bounds the body too: an answer whose body stalls rejects the same way, not the plugin’s later read', async () => {
    const upstreamFetch = createUpstreamFetch({ timeoutMs: 100 });
    await expect(upstreamFetch('refresh', `${upstream.url}/stalled`)).rejects.toMatchObject({ name: 'TimeoutError', operation: 'refresh' });
  });

  it('still honours the plugin’s own signal, rejecting with its reason, not as a timeout', async () => {
    const upstreamFetch = createUpstreamFetch({ timeoutMs: 5_000 });
    const controller = new AbortController();
    const call = upstreamFetch('profile', `${upstream.url}/silent`, { signal: controller.signal });
    const reason = new Error('the plugin gave up');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
  });
});
