import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHttpLogger, createLogger } from '../../../src/logging/index.js';
import { captureLogLines } from '../../support/log_capture.js';

// A load balancer probes /health/* every few seconds on every instance: those lines are debug, and
// a /health/ready 503 during a store outage (the probe's answer, not a failure of the request) is no
// error line per probe. A real error on a probe is still an error.

interface Line {
  level: number;
  msg?: string;
  req?: { url?: string };
  err?: { message?: string };
}

function probedAt(level: 'debug' | 'info' | 'warn') {
  const { lines, destination } = captureLogLines();
  const app = express();
  app.use(createHttpLogger(createLogger({ level, destination })));
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/health/ready', (_req, res) => void res.status(503).json({ status: 'unavailable' }));
  app.get('/health/broken', (_req, res) => {
    (res as typeof res & { err?: Error }).err = new Error('probe handler threw');
    res.status(500).send('sorry');
  });
  app.get('/ok', (_req, res) => void res.send('fine'));
  return { app, lines: () => lines.map((line) => JSON.parse(line) as Line) };
}

describe('health probes in the request log', () => {
  it('write no line at info, while other requests do', async () => {
    const { app, lines } = probedAt('info');
    await request(app).get('/health/live');
    await request(app).get('/health/ready');
    await request(app).get('/ok');
    expect(lines().map((line) => line.req?.url)).toEqual(['/ok']);
  });

  it('are debug lines, a 503 from /health/ready included, with no error attached', async () => {
    const { app, lines } = probedAt('debug');
    await request(app).get('/health/live');
    await request(app).get('/health/ready');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 20, req: expect.objectContaining({ url: '/health/live' }) }),
      expect.objectContaining({ level: 20, req: expect.objectContaining({ url: '/health/ready' }) }),
    ]);
    expect(lines()[1]).not.toHaveProperty('err');
  });

  it('write no error line for a 503 from /health/ready above info either', async () => {
    const { app, lines } = probedAt('warn');
    await request(app).get('/health/ready');
    expect(lines()).toEqual([]);
  });

  it.each(['info', 'warn'] as const)('still write an error line at %s when a probe really failed', async (level) => {
    const { app, lines } = probedAt(level);
    await request(app).get('/health/broken');
    expect(lines()).toEqual([expect.objectContaining({ level: 50, err: expect.objectContaining({ message: 'probe handler threw' }) })]);
  });
});
