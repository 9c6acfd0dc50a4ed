import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHttpLogger, createLogger } from '../../../src/logging/index.js';
import { captureLogLines } from '../../support/log_capture.js';

// The request line names the client as Express computes it (req.ip, which follows the app's
// `trust proxy`, FITGATE_TRUST_PROXY), and the socket's own address as `peer`: behind a proxy every
// connection comes from the proxy, and a log reader (a SIEM, fail2ban) needs the client.

interface Line {
  req?: { ip?: string; peer?: string };
}

function appBehind(trustProxy: string | false, level: 'info' | 'warn') {
  const { lines, destination } = captureLogLines();
  const app = express();
  app.set('trust proxy', trustProxy);
  app.use(createHttpLogger(createLogger({ level, destination })));
  app.get('/ok', (_req, res) => void res.send('fine'));
  app.get('/broken', (_req, res) => {
    (res as typeof res & { err?: Error }).err = new Error('disk on fire');
    res.status(500).send('sorry');
  });
  return { app, lines: () => lines.map((line) => JSON.parse(line) as Line) };
}

const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;

describe('the client address in the request log', () => {
  it('is the forwarded client behind a trusted proxy, with the proxy as peer', async () => {
    const { app, lines } = appBehind('loopback', 'info');
    await request(app).get('/ok').set('X-Forwarded-For', '203.0.113.7');
    const [line] = lines();
    expect(line?.req?.ip).toBe('203.0.113.7');
    expect(line?.req?.peer).toMatch(LOOPBACK);
  });

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    const { app, lines } = appBehind(false, 'info');
    await request(app).get('/ok').set('X-Forwarded-For', '203.0.113.7');
    const [line] = lines();
    expect(line?.req?.ip).toMatch(LOOPBACK);
    expect(line?.req?.ip).toBe(line?.req?.peer);
  });

  it('is the forwarded client on the error lines written above info too', async () => {
    const { app, lines } = appBehind('loopback', 'warn');
    await request(app).get('/broken').set('X-Forwarded-For', '198.51.100.9');
    const [line] = lines();
    expect(line?.req?.ip).toBe('198.51.100.9');
    expect(line?.req?.peer).toMatch(LOOPBACK);
  });
});
