import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHttpLogger, createLogger } from '../../../src/logging/index.js';
import { captureLogLines } from '../../support/log_capture.js';

// At info the request line comes from pino-http, which gives a 5xx without an error one it makes up
// ("failed with status code 503", with a stack of its own internals). fitgate's line for a 5xx a
// route answers on purpose has no such error; a real one keeps its own.

interface Line {
  level: number;
  msg?: string;
  res?: { statusCode?: number };
  err?: { message?: string; stack?: string };
}

function appAtInfo() {
  const { lines, destination } = captureLogLines();
  const app = express();
  app.use(createHttpLogger(createLogger({ level: 'info', destination })));
  app.get('/unavailable', (_req, res) => void res.status(503).json({ error: 'temporarily_unavailable' }));
  app.get('/broken', (_req, res) => {
    (res as typeof res & { err?: Error }).err = new Error('disk on fire');
    res.status(500).send('sorry');
  });
  return { app, lines: () => lines.map((line) => JSON.parse(line) as Line) };
}

describe('a 5xx in the request log at info', () => {
  it('answered on purpose is an error line with its status and no made-up error or stack', async () => {
    const { app, lines } = appAtInfo();
    await request(app).get('/unavailable');
    const [line] = lines();
    expect(line).toMatchObject({ level: 50, msg: 'request failed with status 503', res: { statusCode: 503 } });
    expect(line).not.toHaveProperty('err');
    expect(JSON.stringify(lines())).not.toContain('pino-http');
  });

  it('that failed keeps its own error', async () => {
    const { app, lines } = appAtInfo();
    await request(app).get('/broken');
    const [line] = lines();
    expect(line).toMatchObject({ level: 50, msg: 'request errored', err: { message: 'disk on fire' } });
    expect(line?.err?.stack).toContain('http_logger_deliberate_5xx.test');
  });
});
