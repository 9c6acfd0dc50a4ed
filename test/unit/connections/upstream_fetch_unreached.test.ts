import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PluginClientOptions } from '../../../src/connections/plugin.js';
import { createUpstreamFetch } from '../../../src/connections/upstream_fetch.js';
import { startSelfSignedHttpsServer, type SelfSignedHttpsServer } from '../../support/self_signed_https_server.js';

type Report = Parameters<NonNullable<PluginClientOptions['onUpstreamCall']>>[0];

/**
 * A call that got no answer is counted by why, as far as the socket's error tells: `tls` for a
 * certificate Node does not trust, `unavailable` for a failure the code does not explain (here an
 * answer that is no HTTP). The rejection stays the socket's own error, for the plugin to read.
 */
describe('upstreamFetch counting a call the upstream never answered', () => {
  let selfSigned: SelfSignedHttpsServer;
  let garbage: Server;
  let garbageUrl = '';
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    selfSigned = await startSelfSignedHttpsServer();
    garbage = createServer((socket) => {
      sockets.add(socket.once('close', () => sockets.delete(socket)));
      socket.end('this is no HTTP\r\n\r\n');
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await selfSigned?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => garbage?.close(resolve));
  });

  const recorded = () => {
    const reports: Report[] = [];
    return { reports, upstreamFetch: createUpstreamFetch({ timeoutMs: 2_000, onUpstreamCall: (report) => reports.push(report) }) };
  };

  it('counts a self-signed certificate as tls with no status, and rejects with the TLS error itself', async () => {
    const { reports, upstreamFetch } = recorded();
    await expect(upstreamFetch('token', `${selfSigned.url}/token`, { body: 'grant_type=authorization_code' })).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      message: 'self-signed certificate',
    });
    expect(reports).toEqual([{ operation: 'token', durationMs: expect.any(Number), errorKind: 'tls' }]);
    expect(selfSigned.requests()).toBe(0);
  });

  it('counts an upstream base URL served over https by something without TLS as tls too', async () => {
    const { reports, upstreamFetch } = recorded();
    const port = new URL(garbageUrl).port;
    await expect(upstreamFetch('profile', `https://127.0.0.1:${port}/me`)).rejects.toHaveProperty('code');
    expect(reports).toEqual([{ operation: 'profile', durationMs: expect.any(Number), errorKind: 'tls' }]);
  });

  it('still counts a failure no socket code explains as unavailable', async () => {
    const { reports, upstreamFetch } = recorded();
    await expect(upstreamFetch('profile', `${garbageUrl}/me`)).rejects.toMatchObject({ code: expect.stringMatching(/^HPE_/) });
    expect(reports).toEqual([{ operation: 'profile', durationMs: expect.any(Number), errorKind: 'unavailable' }]);
  });
});
