import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { buildSandbox, sandboxHostApp } from '../../../src/sandbox/sandbox.js';
import { fakePlugin } from '../../support/fake_plugin.js';

/**
 * The host puts the sandbox notice into an emulator's pages as they are sent, whatever way the
 * emulator sends them: the page around it is never changed, and the length sent is the body's.
 */

const PAGE = '<!doctype html><title>T</title><header></header><main>Acme consent é ✓</main>';

/** An emulator on node:http whose page at /auth.acme.example/ is sent by `send`. */
function appSending(send: (res: ServerResponse, req: IncomingMessage) => void, displayName = 'Acme') {
  const plugin = {
    ...fakePlugin(),
    displayName,
    sandbox: {
      apps: [{ api: 'acme-v2', clientId: 'acme-sandbox-client' }],
      hosts: ['auth.acme.example'],
      start: () => ({
        handler(req: IncomingMessage, res: ServerResponse) {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          send(res, req);
        },
        allowRedirectUri: () => undefined,
      }),
    },
  };
  return sandboxHostApp(buildSandbox(() => 'http://127.0.0.1:1/_sandbox', new Map([['acme', plugin]])));
}

const noticed = (notice: string) => PAGE.replace('<header>', () => `<header><p class="banner banner-sandbox" role="status">${notice}</p>`);
const ACME = noticed('Sandbox: no real Acme account is used.');

describe('the sandbox notice in an emulator’s page', () => {
  it('shows a display name with $ patterns as written, and nothing of the page', async () => {
    const answer = await request(appSending((res) => res.end(PAGE), "Pay$` $& $' $$ Co")).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.text).toBe(noticed("Sandbox: no real Pay$` $&#38; $&#39; $$ Co account is used."));
  });

  it('writes a name outside ASCII as character references, readable in any page charset', async () => {
    const answer = await request(appSending((res) => res.end(PAGE), 'Ōura ✓')).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.text).toBe(noticed('Sandbox: no real &#332;ura &#10003; account is used.'));
  });

  it('reads a body sent with an encoding as that encoding says', async () => {
    const answer = await request(appSending((res) => res.end(Buffer.from(PAGE).toString('base64'), 'base64'))).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.text).toBe(ACME);
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(ACME));
  });

  it('calls the callback handed to end with an encoding', async () => {
    let called = false;
    const answer = await request(appSending((res) => res.end(PAGE, 'utf8', () => (called = true)))).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.text).toBe(ACME);
    expect(called).toBe(true);
  });

  it('leaves a compressed page as it was sent', async () => {
    const gzipped = gzipSync(PAGE);
    const app = appSending((res) => res.setHeader('Content-Encoding', 'gzip').setHeader('Content-Length', gzipped.length).end(gzipped));
    // supertest unzips it, as a browser would; a page spliced into would not unzip.
    const answer = await request(app).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.text).toBe(PAGE);
  });

  it('answers HEAD without a length the GET would not have', async () => {
    const app = appSending((res, req) => {
      res.setHeader('Content-Length', Buffer.byteLength(PAGE));
      res.end(req.method === 'HEAD' ? undefined : PAGE);
    });
    const get = await request(app).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(Number(get.headers['content-length'])).toBe(Buffer.byteLength(ACME));
    const head = await request(app).head('/_sandbox/auth.acme.example/p').expect(200);
    expect(head.headers['content-length']).toBeUndefined();
  });

  it('sends no length beside the handler’s own Transfer-Encoding', async () => {
    const answer = await request(appSending((res) => res.setHeader('Transfer-Encoding', 'chunked').end(PAGE))).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.text).toBe(ACME);
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.headers['content-length']).toBeUndefined();
  });

  it('leaves a page without a header as it was sent', async () => {
    const bare = '<!doctype html><main>plain</main>';
    const answer = await request(appSending((res) => res.end(bare))).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.text).toBe(bare);
  });
});
