import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PluginClientOptions } from '../../../src/connections/plugin.js';
import { createUpstreamFetch } from '../../../src/connections/upstream_fetch.js';
import { refusedUrl, startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

type Report = Parameters<NonNullable<PluginClientOptions['onUpstreamCall']>>[0];

/** The HTTP port reports every call to the metrics observer once it ended, and nothing it throws escapes. */
describe('upstreamFetch and onUpstreamCall', () => {
  let upstream: LoopbackHttpServer;
  beforeAll(async () => {
    upstream = await startLoopbackHttpServer((req, res) => {
      const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
      if (req.url === '/silent') return;
      if (status === 302) return void res.writeHead(302, { location: 'https://elsewhere.example/' }).end('{"error":"invalid_grant"}');
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 400 ? '{"error":"invalid_grant"}' : '{}');
    });
  });
  afterAll(() => upstream.close());

  const recorded = () => {
    const reports: Report[] = [];
    return { reports, upstreamFetch: createUpstreamFetch({ timeoutMs: 200, onUpstreamCall: (report) => reports.push(report) }) };
  };

  it('reports a success once, with the operation, the status and a duration, no error kind, and answers the whole body', async () => {
    const { reports, upstreamFetch } = recorded();
    const answer = await upstreamFetch('token', `${upstream.url}/token`);
    expect(reports).toEqual([{ operation: 'token', durationMs: expect.any(Number), status: 200 }]);
    expect(reports[0]).not.toHaveProperty('errorKind');
    expect(reports[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(answer).toEqual({ status: 200, headers: expect.objectContaining({ 'content-type': 'application/json' }), body: '{}' });
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

  it('counts a refusal as the plugin reads it, given the status and the body, and still answers the body', async () => {
    const { reports, upstreamFetch } = recorded();
    const answer = await upstreamFetch('refresh', `${upstream.url}/token?status=400`, {
      failureKind: ({ status, body }) => (status === 400 && body.includes('invalid_grant') ? 'invalid_grant' : undefined),
    });
    expect(reports).toEqual([{ operation: 'refresh', durationMs: expect.any(Number), status: 400, errorKind: 'invalid_grant' }]);
    expect(JSON.parse(answer.body)).toEqual({ error: 'invalid_grant' });
  });

  it('counts a redirect as no failure unless the plugin reads it as one: the port follows none', async () => {
    const { reports, upstreamFetch } = recorded();
    const plain = await upstreamFetch('token', `${upstream.url}/token?status=302`);
    expect(plain).toMatchObject({ status: 302, headers: { location: 'https://elsewhere.example/' } });
    await upstreamFetch('token', `${upstream.url}/token?status=302`, { failureKind: ({ status }) => (status === 302 ? 'bad_response' : undefined) });
    expect(reports).toEqual([
      { operation: 'token', durationMs: expect.any(Number), status: 302 },
      { operation: 'token', durationMs: expect.any(Number), status: 302, errorKind: 'bad_response' },
    ]);
  });

  it('asks nothing of the plugin about a 2xx', async () => {
    const { reports, upstreamFetch } = recorded();
    await upstreamFetch('token', `${upstream.url}/token`, { failureKind: () => 'invalid_grant' });
    expect(reports).toEqual([{ operation: 'token', durationMs: expect.any(Number), status: 200 }]);
  });

  it('counts a 2xx as the plugin’s failureKindAt2xx reads it, for an upstream that refuses inside one, and as ok when that reading throws', async () => {
    const { reports, upstreamFetch } = recorded();
    const answer = await upstreamFetch('refresh', `${upstream.url}/token`, { failureKindAt2xx: ({ status, body }) => (status === 200 && body === '{}' ? 'invalid_grant' : undefined) });
    expect(answer).toMatchObject({ status: 200, body: '{}' });
    const failureKindAt2xx = () => {
      throw new Error('a bug in the plugin');
    };
    await expect(upstreamFetch('refresh', `${upstream.url}/token`, { failureKindAt2xx })).resolves.toMatchObject({ status: 200 });
    expect(reports).toEqual([
      { operation: 'refresh', durationMs: expect.any(Number), status: 200, errorKind: 'invalid_grant' },
      { operation: 'refresh', durationMs: expect.any(Number), status: 200 },
    ]);
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

  it('reports a refused connection as network with no status, rejecting with the socket’s own error', async () => {
    const { reports, upstreamFetch } = recorded();
    await expect(upstreamFetch('revoke', `${await refusedUrl()}/revoke`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(reports).toEqual([{ operation: 'revoke', durationMs: expect.any(Number), errorKind: 'network' }]);
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
