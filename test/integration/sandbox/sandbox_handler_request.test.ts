import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../dashboard/dashboard_harness.js';

/** What a plugin's emulator handler saw of one request. */
interface Seen {
  readonly url: string | undefined;
  readonly body: string;
  readonly parsed: unknown;
}

/**
 * What the host hands a plugin's emulator, as docs/writing-a-plugin.md tells its author: the request
 * below the /_sandbox mount point, with no word of that prefix, and its body unread (the sandbox is
 * mounted ahead of fitgate's body parsers), so a form post is the emulator's to read from the stream.
 */
describe('the request a plugin’s sandbox handler is handed', () => {
  const seen: Seen[] = [];
  const plugin: ConnectionPlugin = {
    ...fakePlugin(),
    sandbox: {
      apps: [{ api: 'acme-v2', clientId: 'acme-sandbox-client' }],
      hosts: ['auth.acme.example'],
      start: () => ({
        handler(req: IncomingMessage, res: ServerResponse) {
          const chunks: Buffer[] = [];
          req.on('data', (chunk: Buffer) => chunks.push(chunk));
          req.on('end', () => {
            seen.push({ url: req.url, body: Buffer.concat(chunks).toString('utf8'), parsed: (req as IncomingMessage & { body?: unknown }).body });
            res.writeHead(204).end();
          });
        },
        allowRedirectUri: () => undefined,
      }),
    },
  };
  let harness: DashboardHarness;
  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: new Map([['acme', plugin]]), environment: { FITGATE_SANDBOX: 'on' } });
  });
  afterAll(() => harness.close());

  it('gets a form post below the mount point, its body still to read', async () => {
    await request(harness.app)
      .post('/_sandbox/auth.acme.example/oauth/authorize?client_id=acme-sandbox-client')
      .set('Host', HOST)
      .type('form')
      .send('decision=approve&scope=read%2Cactivity%3Aread')
      .expect(204);
    expect(seen).toEqual([{ url: '/auth.acme.example/oauth/authorize?client_id=acme-sandbox-client', body: 'decision=approve&scope=read%2Cactivity%3Aread', parsed: undefined }]);
  });
});
