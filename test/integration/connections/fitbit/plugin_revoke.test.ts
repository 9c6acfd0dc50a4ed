import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';

/**
 * The host hands the plugin's revoke every token of a grant; the Fitbit plugin picks the one both
 * of its upstreams end the whole grant from. An upstream on loopback records what reached it.
 */
describe('the Fitbit plugin revoking a grant the host hands it', () => {
  const received: Array<{ path: string; token: string | null }> = [];
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', token: new URLSearchParams(body).get('token') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['fitbit-legacy', '/api.fitbit.com/oauth2/revoke'],
    ['google-health', '/oauth2.googleapis.com/revoke'],
  ])('in %s mode sends the refresh token when there is one, else the access token', async (api, path) => {
    const client = fitbitPlugin.createTokenClient({ api, clientID: '23ABCD', clientSecret: 'secret', upstreamBaseUrl: baseUrl });
    received.length = 0;
    await client.revoke({ accessToken: 'the-access-token', refreshToken: 'the-refresh-token' });
    await client.revoke({ accessToken: 'the-access-token' });
    expect(received).toEqual([
      { path, token: 'the-refresh-token' },
      { path, token: 'the-access-token' },
    ]);
  });
});
