import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../src/connections/fitbit/index.js';
import type { ConnectionPlugin, PluginClientOptions, PluginFailure } from '../../../src/connections/plugin.js';
import { preflightAuthorize } from '../../../src/upstream/authorize_preflight.js';
import { acmeFailure, fakePlugin } from '../../support/fake_plugin.js';
import { recordedAuthError } from '../../support/recorded_auth_errors.js';

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

/** Where the stand-in redirects, as Google does: to its sign-in page, or to its error page with the refusal in the address. */
const REDIRECTS: Record<string, string> = {
  '/google-sign-in': 'https://accounts.google.com/v3/signin/identifier?client_id=x&flowName=GeneralOAuthFlow',
  '/google-unknown-client': recordedAuthError('invalid_client').location,
  '/relative': '/accounts.google.com/signin/oauth/error?authError=x',
};

type Call = Parameters<NonNullable<PluginClientOptions['onUpstreamCall']>>[0];

const upstreamOf = (plugin: Pick<ConnectionPlugin, 'readAuthorizeRefusal'>, timeoutMs = 5_000, calls: Call[] = []) => ({
  plugin,
  client: { timeoutMs, onUpstreamCall: (call: Call) => calls.push(call) },
});

const GONE = { kind: 'gone', operation: 'authorize', status: 410, upstreamCode: 'Gone' };

describe('checking the authorize URL before sending the browser', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/silent') return; // never answers
      // A refusal page longer than the hook is shown, whose end never comes.
      if (req.url === '/endless') return void res.writeHead(400, { 'content-type': 'text/html' }).write('a'.repeat(200_000));
      const location = REDIRECTS[req.url ?? ''];
      if (location !== undefined) return void res.writeHead(302, { location }).end('Found');
      const [status, body] = ANSWERS[req.url ?? ''] ?? [404, ''];
      res.writeHead(status, { 'content-type': 'text/html' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  describe('for a plugin that reads no authorize page', () => {
    const acme = upstreamOf(fakePlugin());

    it('lets the browser go on for any refusal but 410, even a page naming redirect_uri or a redirect to an error page', async () => {
      for (const path of ['/consent', '/google-mismatch', '/fitbit-mismatch', '/unknown-client', '/teapot', '/google-unknown-client']) {
        expect([path, await preflightAuthorize(`${base}${path}`, acme)]).toEqual([path, undefined]);
      }
    });

    it('reads a 410 as gone on any upstream', async () => {
      expect(await preflightAuthorize(`${base}/gone`, acme)).toEqual(GONE);
    });
  });

  describe('for a plugin that reads its upstream\'s pages', () => {
    it('hands the hook the status and the page, and answers what it found as an authorize failure with that status', async () => {
      const seen: unknown[] = [];
      const plugin = fakePlugin({
        readAuthorizeRefusal: (answer) => {
          seen.push(answer);
          return acmeFailure({ kind: 'invalid_scope', upstreamCode: 'bad_scope', upstreamMessage: 'no such scope' });
        },
      });
      expect(await preflightAuthorize(`${base}/teapot`, upstreamOf(plugin))).toEqual({
        kind: 'invalid_scope',
        operation: 'authorize',
        status: 418,
        upstreamCode: 'bad_scope',
        upstreamMessage: 'no such scope',
      });
      expect(seen).toEqual([{ status: 418, body: 'short and stout' }]);
    });

    it('hands the hook a redirect\'s target as an absolute URL, without its page, and keeps the status the hook names', async () => {
      const seen: unknown[] = [];
      const plugin = fakePlugin({
        readAuthorizeRefusal: (answer) => {
          seen.push(answer);
          return acmeFailure({ kind: 'redirect_uri_mismatch', status: 400, upstreamCode: 'redirect_uri_mismatch' });
        },
      });
      expect(await preflightAuthorize(`${base}/relative`, upstreamOf(plugin))).toEqual({
        kind: 'redirect_uri_mismatch',
        operation: 'authorize',
        status: 400,
        upstreamCode: 'redirect_uri_mismatch',
      });
      expect(seen).toEqual([{ status: 302, body: '', location: `${base}/accounts.google.com/signin/oauth/error?authError=x` }]);
    });

    it('keeps the kind the hook names, invalid_client included (TRY reads that one as an unknown client id)', async () => {
      const plugin = fakePlugin({ readAuthorizeRefusal: () => acmeFailure({ kind: 'invalid_client' }) });
      expect(await preflightAuthorize(`${base}/unknown-client`, upstreamOf(plugin))).toEqual({ kind: 'invalid_client', operation: 'authorize', status: 401 });
    });

    it('hands the hook the start of a long page, without waiting for its end', async () => {
      const seen: Array<{ status: number; body: string }> = [];
      const plugin = fakePlugin({ readAuthorizeRefusal: (answer) => void seen.push(answer) });
      expect(await preflightAuthorize(`${base}/endless`, upstreamOf(plugin, 5_000))).toBeUndefined();
      expect(seen).toEqual([{ status: 400, body: 'a'.repeat(64 * 1024) }]);
    });

    it('lets the browser go on when the hook does not recognise the page or breaks the contract', async () => {
      const unrecognised = fakePlugin({ readAuthorizeRefusal: () => undefined });
      expect(await preflightAuthorize(`${base}/teapot`, upstreamOf(unrecognised))).toBeUndefined();
      const undeclared = fakePlugin({ readAuthorizeRefusal: () => ({ kind: 'teapot' }) as unknown as PluginFailure });
      expect(await preflightAuthorize(`${base}/teapot`, upstreamOf(undeclared))).toBeUndefined();
    });

    it('lets the browser go on when the hook reads a redirect as the way to sign in', async () => {
      const plugin = fakePlugin({ readAuthorizeRefusal: ({ location }) => (location?.includes('/error') ? acmeFailure({ kind: 'invalid_client' }) : undefined) });
      expect(await preflightAuthorize(`${base}/google-sign-in`, upstreamOf(plugin))).toBeUndefined();
    });

    it('asks the hook nothing about a page the upstream shows to sign in, or a 410', async () => {
      const plugin = fakePlugin({ readAuthorizeRefusal: () => { throw new Error('asked'); } });
      expect(await preflightAuthorize(`${base}/consent`, upstreamOf(plugin))).toBeUndefined();
      expect(await preflightAuthorize(`${base}/gone`, upstreamOf(plugin))).toMatchObject({ kind: 'gone' });
    });
  });

  describe('with the Fitbit plugin, on Google\'s and Fitbit\'s pages', () => {
    const fitbit = upstreamOf(fitbitPlugin);

    it('recognises an unregistered callback URL on either upstream', async () => {
      expect(await preflightAuthorize(`${base}/google-mismatch`, fitbit)).toMatchObject({ kind: 'redirect_uri_mismatch', upstreamCode: 'redirect_uri_mismatch' });
      expect(await preflightAuthorize(`${base}/fitbit-mismatch`, fitbit)).toMatchObject({
        kind: 'redirect_uri_mismatch',
        operation: 'authorize',
        status: 400,
        upstreamCode: 'invalid_request',
        upstreamMessage: 'Invalid redirect_uri parameter value',
      });
    });

    it('recognises an unknown client, the legacy shutdown and anything else refused', async () => {
      expect(await preflightAuthorize(`${base}/unknown-client`, fitbit)).toMatchObject({
        kind: 'invalid_client',
        operation: 'authorize',
        status: 401,
        upstreamCode: 'invalid_client',
        upstreamMessage: 'The OAuth client was not found.',
      });
      expect(await preflightAuthorize(`${base}/fitbit-unknown-client`, fitbit)).toMatchObject({ kind: 'invalid_client' });
      expect(await preflightAuthorize(`${base}/gone`, fitbit)).toEqual(GONE);
      expect(await preflightAuthorize(`${base}/teapot`, fitbit)).toMatchObject({ kind: 'upstream_error', operation: 'authorize', status: 418 });
    });

    it('reads Google\'s refusal from its redirect to the error page, and lets a redirect to sign in go on', async () => {
      expect(await preflightAuthorize(`${base}/google-unknown-client`, fitbit)).toMatchObject({
        kind: 'invalid_client',
        operation: 'authorize',
        status: 401,
        upstreamCode: 'invalid_client',
        upstreamMessage: 'The OAuth client was not found.',
      });
      expect(await preflightAuthorize(`${base}/google-sign-in`, fitbit)).toBeUndefined();
    });
  });

  it('lets the browser go when the upstream does not answer at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await preflightAuthorize(`http://127.0.0.1:${port}/`, upstreamOf(fitbitPlugin))).toBeUndefined();
  });

  it('gives up within the upstream call timeout the connection uses', async () => {
    const started = Date.now();
    expect(await preflightAuthorize(`${base}/silent`, upstreamOf(fitbitPlugin, 200))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports each call to the connection’s observer, as a plugin reports its own: the status, and the refusal’s kind or the lack of an answer', async () => {
    const calls: Call[] = [];
    await preflightAuthorize(`${base}/consent`, upstreamOf(fitbitPlugin, 5_000, calls));
    await preflightAuthorize(`${base}/fitbit-mismatch`, upstreamOf(fitbitPlugin, 5_000, calls));
    await preflightAuthorize(`${base}/silent`, upstreamOf(fitbitPlugin, 200, calls));
    expect(calls).toEqual([
      { operation: 'authorize', durationMs: expect.any(Number), status: 200, errorKind: undefined },
      { operation: 'authorize', durationMs: expect.any(Number), status: 400, errorKind: 'redirect_uri_mismatch' },
      { operation: 'authorize', durationMs: expect.any(Number), status: undefined, errorKind: 'timeout' },
    ]);
  });
});
