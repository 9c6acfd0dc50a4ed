import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHealthRouter } from '../../../src/http/health.js';
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
    expect(ready.body).toEqual({ status: 'ok', store: 'ok', master_keys: expect.objectContaining({ missing: [] }) });
  });
});

describe('readiness when the store does not answer', () => {
  const appWith = (ping: () => Promise<void>) => express().use(createHealthRouter({ ping }, { timeoutMs: 50 }));

  it('is 503 when the store fails', async () => {
    const response = await request(appWith(() => Promise.reject(new Error('database is locked')))).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'unavailable', store: 'not answering' });
    expect(response.text).not.toContain('locked');
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
