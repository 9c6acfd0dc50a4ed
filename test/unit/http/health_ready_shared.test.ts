import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHealthRouter } from '../../../src/http/health.js';
import { createReadiness, READY_REUSE_MS } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';

/**
 * /health/ready is public and each check is a store write on Redis: probes that arrive together, or
 * within READY_REUSE_MS of a check, share it. The clock is the test's, so "after the window" is exact.
 */
function countingStore(answer: () => string = () => 'ok') {
  const store = {
    calls: 0,
    release: (): void => undefined,
    held: false,
    ping: () => Promise.resolve(),
    readiness(): Promise<string | undefined> {
      store.calls += 1;
      if (!store.held) return Promise.resolve(answer());
      return new Promise((resolve) => (store.release = () => resolve(answer())));
    },
  };
  return store;
}

function appWith(store: ReturnType<typeof countingStore>) {
  const clock = { now: 0 };
  const seen = { probes: 0 };
  const readiness = createReadiness(store, { timeoutMs: 1000, reuse: { ms: READY_REUSE_MS, now: () => clock.now } });
  const app = express()
    // Counted once the route has run up to its wait on the check (next() runs it synchronously).
    .use((_req, _res, next) => {
      next();
      seen.probes += 1;
    })
    .use(createHealthRouter(readiness));
  // The operator's /health/ready on the metrics listener, on the same check (server.ts builds one per process).
  return { app, operator: readinessDetails(readiness), clock, seen };
}

describe('/health/ready shares one store check among probes', () => {
  it('runs one check for probes that arrive while it runs', async () => {
    const store = countingStore();
    store.held = true;
    const { app, seen } = appWith(store);
    const probes = Array.from({ length: 10 }, () => request(app).get('/health/ready').then((response) => response));
    // Every probe waits on the check before the store answers it.
    while (seen.probes < 10) await new Promise((resolve) => setImmediate(resolve));
    store.release();
    const answers = await Promise.all(probes);
    expect(store.calls).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    expect(answers.every((answer) => answer.body.status === 'ok')).toBe(true);
  });

  it("shares it with the operator's /health/ready, which adds no store check of its own", async () => {
    const store = countingStore();
    const { app, operator } = appWith(store);
    expect((await request(app).get('/health/ready')).status).toBe(200);
    const details = await request(operator).get('/health/ready');
    expect(details.body).toEqual({ status: 'ok', store: 'ok' });
    expect(store.calls).toBe(1);
  });

  it('reuses a finished check within the window, and checks again after it', async () => {
    const store = countingStore();
    const { app, clock } = appWith(store);
    for (const at of [0, 10, 500, READY_REUSE_MS - 1]) {
      clock.now = at;
      expect((await request(app).get('/health/ready')).status).toBe(200);
    }
    expect(store.calls).toBe(1);

    clock.now = READY_REUSE_MS + 1;
    expect((await request(app).get('/health/ready')).status).toBe(200);
    expect(store.calls).toBe(2);
  });

  it('keeps a 503 no longer than the window: a store that recovered is ready at the first probe after it', async () => {
    let state = 'full: Redis is full';
    const store = countingStore(() => state);
    const { app, clock } = appWith(store);
    const down = await request(app).get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body).toEqual({ status: 'unavailable' });

    state = 'ok';
    clock.now = READY_REUSE_MS / 2;
    expect((await request(app).get('/health/ready')).status).toBe(503);
    clock.now = READY_REUSE_MS + 1;
    const up = await request(app).get('/health/ready');
    expect(up.status).toBe(200);
    expect(up.headers['retry-after']).toBeUndefined();
    expect(up.body).toEqual({ status: 'ok' });
    expect(store.calls).toBe(2);
  });
});
