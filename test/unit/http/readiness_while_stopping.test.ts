import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHealthRouter } from '../../../src/http/health.js';
import { createReadiness } from '../../../src/http/readiness.js';

/** An app whose store answers; `stopping` is the shutdown's flag (FITGATE_SHUTDOWN_DELAY_MS). */
function served() {
  const state = { stopping: false, storeCalls: 0 };
  const store = {
    ping: async () => {
      state.storeCalls += 1;
    },
  };
  const listener = express()
    .use(createHealthRouter(createReadiness(store, { timeoutMs: 100, stopping: () => state.stopping })))
    .get('/other', (_req, res) => void res.send('served'));
  return { state, listener };
}

describe('/health/ready once the process is stopping', () => {
  it('answers as usual until the stop begins', async () => {
    const { listener } = served();
    const ready = await request(listener).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok' });
  });

  it('then answers 503 "stopping" with Retry-After, without asking the store, whatever the probe looks like', async () => {
    const { state, listener } = served();
    state.stopping = true;
    for (const path of ['/health/ready', '/health/ready?probe=lb', '/Health/Ready/']) {
      const answer = await request(listener).get(path);
      expect([path, answer.status, answer.body]).toEqual([path, 503, { status: 'stopping' }]);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    const head = await request(listener).head('/health/ready');
    expect(head.status).toBe(503);
    expect(state.storeCalls).toBe(0);
  });

  it('keeps serving every other request meanwhile, liveness included', async () => {
    const { state, listener } = served();
    state.stopping = true;
    expect((await request(listener).get('/other')).text).toBe('served');
    expect((await request(listener).get('/health/live')).status).toBe(200);
    expect((await request(listener).post('/health/ready')).status).toBe(404);
  });
});
