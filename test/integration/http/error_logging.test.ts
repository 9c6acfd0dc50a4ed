import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

interface LoggedLine {
  level: number;
  err?: { message?: string; stack?: string };
  res?: { statusCode?: number };
}

describe('unexpected errors', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp();
    // The store fails the way a broken disk or a lost Redis would.
    fixture.store.tenants.get = () => Promise.reject(new Error('disk on fire at /var/lib/fitgate'));
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  it('answer with a generic 500 and keep the message and stack for the log only', async () => {
    const response = await request(fixture.app).get('/authorize').set('Host', 'localhost:3000').set('Accept', 'text/html');
    expect(response.status).toBe(500);
    expect(response.text).toContain('Something went wrong on our side');
    expect(response.text).not.toContain('disk on fire');
    expect(response.text).not.toContain('/var/lib/fitgate');

    const line = fixture.logLines.map((text) => JSON.parse(text) as LoggedLine).find((entry) => entry.res?.statusCode === 500);
    expect(line?.level).toBe(50);
    expect(line?.err?.message).toBe('disk on fire at /var/lib/fitgate');
    expect(line?.err?.stack).toContain('Error: disk on fire');
  });
});
