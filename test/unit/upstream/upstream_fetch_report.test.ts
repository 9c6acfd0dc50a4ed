import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PluginClientOptions } from '../../../src/connections/plugin.js';
import { createUpstreamFetch } from '../../../src/upstream/upstream_fetch.js';
import { refusedUrl, startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

type Report = Parameters<NonNullable<PluginClientOptions['onUpstreamCall']>>[0];

/** The host's HTTP port reports every call to the metrics observer once it ended, and nothing it throws escapes. */
describe('upstreamFetch and onUpstreamCall', () => {
  let upstream: LoopbackHttpServer;
  beforeAll(async () => {
    upstream = await startLoopbackHttpServer((req, res) => {
      const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
      if (req.url === '/silent') return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 400 ? '{"error":"invalid_grant"}' : '{}');
    });
  });
  afterAll(() => upstream.close());

  const recorded = () => {
    const reports: Report[] = [];
    return { reports, upstreamFetch: createUpstreamFetch({ timeoutMs: 200, onUpstreamCall: (report) => reports.push(report) }) };
  };

  it('reports a success once, with the operation, the status and a duration, no error kind, and leaves the body unread', async () => {
    const { reports, upstreamFetch } = recorded();
    const answer = await upstreamFetch('token', `${upstream.url}/token`);
    expect(reports).toEqual([{ operation: 'token', durationMs: expect.any(Number), status: 200 }]);
    expect(reports[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(answer.bodyUsed).toBe(false);
    expect(await answer.json()).toEqual({});
  });

  it.each([
    [429, 'rate_limited'],
    [410, 'gone'],
    [503, 'unavailable'],
    [400, 'upstream_error'],
  ])('resolves with an answer of %i and counts it by its status as %s', async (status, errorKind) => {
    const { reports, upstreamFetch } = recorded();
    const answer = await upstreamFetch('refresh', `${upstream.url}/token?status=${status}`);
    expect(answer.status).toBe(status);
    expect(reports).toEqual([{ operation: 'refresh', durationMs: expect.any(Number), status, errorKind }]);
  });

  it('counts a refusal as the plugin reads it, given the status and the body, the body still the plugin’s to read', async () => {
    const { reports, upstreamFetch } = recorded();
    const answer = await upstreamFetch('refresh', `${upstream.url}/token?status=400`, {
      failureKind: ({ status, body }) => (status === 400 && body.includes('invalid_grant') ? 'invalid_grant' : undefined),
    });
    expect(reports).toEqual([{ operation: 'refresh', durationMs: expect.any(Number), status: 400, errorKind: 'invalid_grant' }]);
    expect(await answer.json()).toEqual({ error: 'invalid_grant' });
  });

  it('falls back to the status’s kind when the plugin’s reading throws', async () => {
    const { reports, upstreamFetch } = recorded();
    const failureKind = () => {
      throw new Error('a bug in the plugin');
    };
    await expect(upstreamFetch('refresh', `${upstream.url}/token?status=503`, { failureKind })).resolves.toMatchObject({ status: 503 });
    expect(reports).toEqual([expect.objectContaining({ status: 503, errorKind: 'unavailable' })]);
  });

  it('reports a timeout as timeout with no status', async () => {
    const { reports, upstreamFetch } = recorded();
    await expect(upstreamFetch('profile', `${upstream.url}/silent`)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(reports).toEqual([{ operation: 'profile', durationMs: expect.any(Number), errorKind: 'timeout' }]);
  });

  it('reports a refused connection as unavailable with no status, rejecting with fetch’s own error', async () => {
    const { reports, upstreamFetch } = recorded();
    const failure = await upstreamFetch('revoke', `${await refusedUrl()}/revoke`).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TypeError' });
    expect((failure as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(reports).toEqual([{ operation: 'revoke', durationMs: expect.any(Number), errorKind: 'unavailable' }]);
  });

  it('contains an observer that throws: the call resolves or rejects exactly as without it', async () => {
    const upstreamFetch = createUpstreamFetch({
      timeoutMs: 200,
      onUpstreamCall: () => {
        throw new Error('the metrics broke');
      },
    });
    await expect(upstreamFetch('token', `${upstream.url}/token`)).resolves.toMatchObject({ status: 200 });
    await expect(upstreamFetch('token', `${upstream.url}/silent`)).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('makes the call without an observer at all', async () => {
    const upstreamFetch = createUpstreamFetch({ timeoutMs: 200 });
    await expect(upstreamFetch('token', `${upstream.url}/token`)).resolves.toMatchObject({ status: 200 });
  });
});
