import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHttpLogger, createLogger } from '../../../src/logging/index.js';
import { captureLogLines } from '../../support/log_capture.js';

function appLoggingAt(level: 'info' | 'warn') {
  const { lines, destination } = captureLogLines();
  const app = express();
  app.use(createHttpLogger(createLogger({ level, destination })));
  app.get('/ok', (_req, res) => void res.send('fine'));
  // pino-http's per-request child logger (the work the level would throw away) carries the request id.
  app.get('/child-logger', (req, res) => void res.json({ child: Boolean((req.log as unknown as { bindings(): { req?: unknown } }).bindings().req) }));
  app.get('/log-through-request', (req, res) => {
    req.log.warn('logged through req.log');
    res.send('fine');
  });
  // A 5xx answered on purpose, inside a mounted router.
  const router = express.Router();
  router.get('/try', (_req, res) => void res.status(502).send('the upstream refused'));
  app.use('/manage/fitbit', router);
  app.get('/broken', (_req, res) => {
    (res as typeof res & { err?: Error }).err = new Error('disk on fire');
    res.status(500).send('sorry');
  });
  // A failure the client hears as a redirect (an /authorize or a callback the store failed): a 302, yet an error.
  app.get('/failed-redirect', (_req, res) => {
    (res as typeof res & { err?: Error }).err = new Error('store unavailable');
    res.redirect('https://app.example/callback?error=temporarily_unavailable');
  });
  const parsed = () => lines.map((line) => JSON.parse(line) as { level: number; req?: { url?: string; id?: string }; err?: { message?: string } });
  return { app, parsed };
}

describe('the request log', () => {
  it('writes no line for a request that succeeded, and still gives it a request id', async () => {
    const { app, parsed } = appLoggingAt('warn');
    const response = await request(app).get('/ok?code=secret-code').set('X-Request-Id', 'req-42');
    expect(response.headers['x-request-id']).toBe('req-42');
    expect((await request(app).get('/ok')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed()).toEqual([]);
  });

  it('builds no per-request logger (pino-http does, at info)', async () => {
    expect((await request(appLoggingAt('warn').app).get('/child-logger')).body).toEqual({ child: false });
    expect((await request(appLoggingAt('info').app).get('/child-logger')).body).toEqual({ child: true });
  });

  it('still gives every request a req.log to log through (the logger itself)', async () => {
    const { app, parsed } = appLoggingAt('warn');
    expect((await request(app).get('/log-through-request')).status).toBe(200);
    expect(parsed()).toEqual([expect.objectContaining({ level: 40, msg: 'logged through req.log' })]);
  });

  it('writes the error line of a failed request, with its id and the URL redacted', async () => {
    const { app, parsed } = appLoggingAt('warn');
    await request(app).get('/broken?code=secret-code').set('X-Request-Id', 'req-43');
    const [line] = parsed();
    expect(line).toMatchObject({ level: 50, req: { id: 'req-43' }, err: { message: 'disk on fire' } });
    expect(line?.req?.url).not.toContain('secret-code');
  });

  it('writes a 5xx answered on purpose with its full URL and no made-up error', async () => {
    const { app, parsed } = appLoggingAt('warn');
    await request(app).get('/manage/fitbit/try');
    const [line] = parsed() as Array<{ level: number; msg?: string; req?: { url?: string }; err?: unknown }>;
    expect(line).toMatchObject({ level: 50, msg: 'request failed with status 502', req: { url: '/manage/fitbit/try' } });
    expect(line).not.toHaveProperty('err');
  });

  it('writes one line per request at info', async () => {
    const { app, parsed } = appLoggingAt('info');
    await request(app).get('/ok');
    expect(parsed()).toEqual([expect.objectContaining({ level: 30, req: expect.objectContaining({ url: '/ok' }) })]);
  });

  it.each(['info', 'warn'] as const)('writes a redirect that carries a server failure as an error line at %s', async (level) => {
    const { app, parsed } = appLoggingAt(level);
    expect((await request(app).get('/failed-redirect')).status).toBe(302);
    expect(parsed()).toEqual([expect.objectContaining({ level: 50, err: expect.objectContaining({ message: 'store unavailable' }) })]);
  });
});
