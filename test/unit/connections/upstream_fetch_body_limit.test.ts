import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import type { PluginClientOptions } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createUpstreamFetch, UpstreamFetchBodyTooLargeError } from '../../../src/connections/upstream_fetch.js';
import { readPluginFailure } from '../../../src/domain/read_plugin_failure.js';
import { startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

type Report = Parameters<NonNullable<PluginClientOptions['onUpstreamCall']>>[0];

/** Writes chunks for as long as the client reads them: an upstream whose body has no end. */
function endlessBody(response: ServerResponse): void {
  const chunk = Buffer.alloc(16 * 1024, 'x');
  const pour = (): void => {
    while (!response.destroyed && response.write(chunk));
  };
  response.writeHead(200, { 'content-type': 'application/json' });
  response.on('drain', pour);
  pour();
}

/**
 * The HTTP port takes no answer past its bound on the body: a broken or hostile upstream cannot make
 * fitgate buffer without end. The call fails as the upstream's, in the shape the host reads.
 */
describe('upstreamFetch and the size of an answer', () => {
  let upstream: LoopbackHttpServer;
  beforeAll(async () => {
    upstream = await startLoopbackHttpServer((req, res) => {
      // /endless never ends its body; /sized?bytes=N sends N bytes, announced.
      if (req.url === '/endless' || req.url?.startsWith('/oauth2.googleapis.com/')) return endlessBody(res);
      const bytes = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes'));
      res.writeHead(200, { 'content-length': String(bytes) }).end(Buffer.alloc(bytes, 'y'));
    });
  });
  afterAll(() => upstream.close());

  it("rejects a body past the bound as the upstream's bad_response, read so by the host, and counts it so", async () => {
    const reports: Report[] = [];
    const upstreamFetch = createUpstreamFetch({ timeoutMs: 10_000, onUpstreamCall: (report) => reports.push(report) });
    const failure = await upstreamFetch('token', `${upstream.url}/endless`, { method: 'POST', body: 'code=c' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamFetchBodyTooLargeError);
    expect(failure).toMatchObject({ name: 'BodyTooLargeError', maxBodyBytes: 1024 * 1024, message: 'Upstream token call answered HTTP 200 with a body larger than 1048576 bytes' });
    expect(readPluginFailure(failure)).toEqual({ kind: 'bad_response', operation: 'token', status: 200, message: 'Upstream token call answered HTTP 200 with a body larger than 1048576 bytes' });
    expect(reports).toEqual([{ operation: 'token', durationMs: expect.any(Number), status: 200, errorKind: 'bad_response' }]);
  });

  it('takes the bound a caller gives, lower than the default', async () => {
    const strict = createUpstreamFetch({ timeoutMs: 2_000, maxBodyBytes: 100 });
    const lenient = createUpstreamFetch({ timeoutMs: 2_000 });
    await expect(strict('jwks', `${upstream.url}/sized?bytes=100`)).resolves.toMatchObject({ status: 200 });
    await expect(strict('jwks', `${upstream.url}/sized?bytes=101`)).rejects.toMatchObject({ name: 'BodyTooLargeError', kind: 'bad_response', operation: 'jwks', maxBodyBytes: 100 });
    await expect(lenient('jwks', `${upstream.url}/sized?bytes=101`)).resolves.toMatchObject({ status: 200 });
  });

  it("fails the Fitbit plugin's refresh with a failure the host reads as the upstream's, never a crash or an endless read", async () => {
    const reports: Report[] = [];
    const plugin = connectionPlugins().get('fitbit')!;
    const client = plugin.createTokenClient({
      api: 'google-health',
      clientID: 'client-id',
      clientSecret: 'client-secret',
      upstreamBaseUrl: upstream.url,
      timeoutMs: 10_000,
      onUpstreamCall: (report) => reports.push(report),
    });
    const failure = await client.refresh('refresh-token').catch((error: unknown) => error);
    // The login and the vault read the failure as the metrics count it: the upstream's unusable answer, not an outage.
    expect(readPluginFailure(failure)).toMatchObject({ kind: 'bad_response', operation: 'refresh', status: 200 });
    expect(failure).toMatchObject({ name: 'UpstreamBadResponseError', message: 'Upstream refresh call returned an unreadable answer (HTTP 200): the body is larger than 1048576 bytes' });
    expect((failure as Error).cause).toBeInstanceOf(UpstreamFetchBodyTooLargeError);
    expect(reports).toEqual([{ operation: 'refresh', durationMs: expect.any(Number), status: 200, errorKind: 'bad_response' }]);
  });
});
