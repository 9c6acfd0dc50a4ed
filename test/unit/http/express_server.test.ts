import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import { get } from 'node:https';
import { createExpressServer } from '../../../src/http/express_server.js';
import { makeTestCertificate } from '../../support/compat/test_certificate.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(app: express.Express, check: (req: object, res: object) => void): Promise<string> {
  server = createExpressServer(app, (req, res) => {
    check(req, res);
    app(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('the Express server', () => {
  it("hands Express requests and responses that already have the app's prototypes", async () => {
    const app = express();
    app.get('/', (_req, res) => void res.send('ok'));
    const prototypes: Array<[object | null, object | null]> = [];
    const url = await listen(app, (req, res) => prototypes.push([Object.getPrototypeOf(req), Object.getPrototypeOf(res)]));
    await fetch(url);
    expect(prototypes).toEqual([[app.request, app.response]]);
  });

  it('serves Express as a plain server does: query, body, headers, status and JSON', async () => {
    const app = express();
    app.use(express.json());
    app.post('/echo', (req, res) => void res.status(201).set('X-Seen', String(req.query.q)).json({ body: req.body as unknown, host: req.hostname }));
    const url = await listen(app, () => undefined);
    const response = await fetch(`${url}/echo?q=yes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen')).toBe('yes');
    expect(await response.json()).toEqual({ body: { a: 1 }, host: '127.0.0.1' });
  });

  it("serves https with a certificate, its requests and responses also born with the app's prototypes", async () => {
    const certificate = await makeTestCertificate();
    try {
      const app = express();
      app.get('/', (req, res) => void res.send(req.secure ? 'secure' : 'plain'));
      const prototypes: Array<[object | null, object | null]> = [];
      server = createExpressServer(
        app,
        (req, res) => {
          prototypes.push([Object.getPrototypeOf(req), Object.getPrototypeOf(res)]);
          app(req, res);
        },
        { cert: Buffer.from(certificate.certPem), key: Buffer.from(certificate.keyPem) },
      );
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      const text = await new Promise<string>((resolve, reject) => {
        get({ host: 'localhost', port, ca: certificate.certPem, agent: false }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          response.on('end', () => resolve(body));
        }).on('error', reject);
      });
      expect(text).toBe('secure');
      expect(prototypes).toEqual([[app.request, app.response]]);
    } finally {
      await certificate.remove();
    }
  });
});
