import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHealthRouter } from '../../../src/http/health.js';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

describe('health checks on the app', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp();
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  it('answers live and ready on any host, even before any tenant exists', async () => {
    const live = await request(fixture.app).get('/health/live').set('Host', '10.0.0.7:3000');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await request(fixture.app).get('/health/ready').set('Host', '10.0.0.7:3000');
    expect(ready.status).toBe(200);
    // The status alone: what the check found is the operator's (readiness_details.ts).
    expect(ready.body).toEqual({ status: 'ok' });
  });
});

describe('readiness when the store does not answer', () => {
  const appWith = (ping: () => Promise<void>) => express().use(createHealthRouter(createReadiness({ ping }, { timeoutMs: 50 })));

  it('is 503 when the store fails, and the operator reads that it does not answer, never its error', async () => {
    const failing = () => Promise.reject(new Error('database is locked'));
    const response = await request(appWith(failing)).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'unavailable' });
    const details = await request(readinessDetails(createReadiness({ ping: failing }, { timeoutMs: 50 }))).get('/health/ready');
    expect(details.status).toBe(503);
    expect(details.body).toEqual({ status: 'unavailable', store: 'not answering' });
    expect(details.text).not.toContain('locked');
  });

  it('is 503 when the store hangs, after the bound instead of hanging the probe', async () => {
    const response = await request(appWith(() => new Promise<void>(() => undefined))).get('/health/ready');
    expect(response.status).toBe(503);
  });

  it('asks clients to retry after 5 s on a 503 (as a request does while the store is out), and not when ready', async () => {
    const down = await request(appWith(() => Promise.reject(new Error('down')))).get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    const up = await request(appWith(() => Promise.resolve())).get('/health/ready');
    expect(up.status).toBe(200);
    expect(up.headers['retry-after']).toBeUndefined();
  });

  it('stays live while the store is down', async () => {
    const response = await request(appWith(() => Promise.reject(new Error('down')))).get('/health/live');
    expect(response.status).toBe(200);
  });
});
