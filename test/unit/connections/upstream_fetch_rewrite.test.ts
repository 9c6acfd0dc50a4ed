import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUpstreamFetch } from '../../../src/connections/upstream_fetch.js';
import { startLoopbackHttpServer, type LoopbackHttpServer } from '../../support/loopback_http_server.js';

/** The HTTP port calls an upstream URL under upstreamBaseUrl exactly as plugin.ts documents. */
describe('upstreamFetch and upstreamBaseUrl', () => {
  let emulator: LoopbackHttpServer;
  let bodies: string[];
  beforeAll(async () => {
    bodies = [];
    emulator = await startLoopbackHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
  });
  afterAll(() => emulator.close());

  it('calls https://HOST/PATH?QUERY as BASE/HOST/PATH?QUERY, the method and body kept', async () => {
    const upstreamFetch = createUpstreamFetch({ upstreamBaseUrl: emulator.url, timeoutMs: 2_000 });
    const answer = await upstreamFetch('token', 'https://www.strava.com/oauth/token?approval=auto&x=%20y', { method: 'POST', body: 'code=abc' });
    expect(JSON.parse(answer.body)).toEqual({ ok: true });
    expect(emulator.requests.at(-1)).toEqual({ method: 'POST', path: '/www.strava.com/oauth/token?approval=auto&x=%20y' });
    expect(bodies.at(-1)).toBe('code=abc');
  });

  it('drops the trailing slashes of the base', async () => {
    const upstreamFetch = createUpstreamFetch({ upstreamBaseUrl: `${emulator.url}//`, timeoutMs: 2_000 });
    await upstreamFetch('profile', 'https://api.fitbit.com/1/user/-/profile.json');
    expect(emulator.requests.at(-1)?.path).toBe('/api.fitbit.com/1/user/-/profile.json');
  });

  it('refuses a URL that is not https under a base, sending nothing', async () => {
    const upstreamFetch = createUpstreamFetch({ upstreamBaseUrl: emulator.url, timeoutMs: 2_000 });
    const sent = emulator.requests.length;
    await expect(upstreamFetch('token', 'http://www.strava.com/oauth/token')).rejects.toThrow(TypeError);
    expect(emulator.requests).toHaveLength(sent);
  });

  it('calls the URL itself when there is no base', async () => {
    const upstreamFetch = createUpstreamFetch({ timeoutMs: 2_000 });
    const answer = await upstreamFetch('profile', `${emulator.url}/me?fields=id`);
    expect(answer.status).toBe(200);
    expect(emulator.requests.at(-1)?.path).toBe('/me?fields=id');
  });
});
