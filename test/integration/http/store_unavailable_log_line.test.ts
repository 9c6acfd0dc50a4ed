import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

interface LoggedLine {
  level: number;
  msg: string;
  err?: { type?: string; message?: string; stack?: string };
  res?: { statusCode?: number };
}

/**
 * While the store is out every request is a 503 with an error line: the line names the store's
 * error (class and message, the driver's message as its cause's) without a stack, so an outage does
 * not multiply the log's volume. A driver's error that reaches the error handler unwrapped is logged
 * as the store error it is. The unexpected error beside it keeps its stack (error_logging.test.ts).
 */
describe('the request line of a 503 while the store is out', () => {
  let fixture: TestApp;
  let failure: Error;

  beforeAll(async () => {
    fixture = await startTestApp();
    fixture.store.tenants.get = () => Promise.reject(failure);
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  async function lineOf(error: Error): Promise<LoggedLine | undefined> {
    failure = error;
    const before = fixture.logLines.length;
    const response = await request(fixture.app).get('/authorize').set('Host', 'localhost:3000').set('Accept', 'text/html');
    expect(response.status).toBe(503);
    return fixture.logLines.slice(before).map((text) => JSON.parse(text) as LoggedLine).find((line) => line.res?.statusCode === 503);
  }

  it('has the store error without a stack', async () => {
    const line = await lineOf(new StoreUnavailableError({ cause: new Error('The client is offline') }));
    expect(line).toMatchObject({ level: 50, msg: 'request errored' });
    expect(line?.err).toMatchObject({ type: 'StoreUnavailableError', message: expect.stringContaining('The client is offline') });
    expect(line?.err).not.toHaveProperty('stack');
  });

  it("has a driver's error the handler classified as the store error, without a stack", async () => {
    const line = await lineOf(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    expect(line?.err).toMatchObject({ type: 'StoreUnavailableError', message: expect.stringContaining('database is locked') });
    expect(line?.err).not.toHaveProperty('stack');
  });
});
