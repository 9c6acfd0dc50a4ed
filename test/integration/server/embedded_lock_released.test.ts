import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import { holdWriteLock } from '../store/lock_holder.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/** A request to the default tenant (fetch cannot set Host): the status and body. */
function call(port: number, method: 'GET' | 'POST', path: string, form?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: 'localhost:3000' };
    if (form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(form);
  });
}

/** How soon fitgate serves again once the lock is let go (docs/operations.md). */
const SERVED_AGAIN_WITHIN_MS = 1000;

/** Asks until the answer's status is `status`, for at most `boundMs`; returns the last answer. */
async function untilStatus(ask: () => Promise<{ status: number; body: string }>, status: number, boundMs: number) {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const answer = await ask();
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The reliability review's repro of finding 1: an sqlite3 shell (here another connection) keeps the
 * short-lived file's write lock for longer than a write waits while someone opens the dashboard's
 * sign-in page, whose session write is refused with a 503, and requests go on meanwhile (their
 * rate-limit batches are refused too). Once the shell lets go, fitgate serves again within a
 * second; it used to answer 503 to everything until restarted, while /health/ready said ok.
 */
describe('fitgate after another process held the short-lived file past the wait', () => {
  const server = useServerOnTempData();

  it('serves the dashboard, tokens and readiness again within a second of the lock being let go', async () => {
    // Rate limits on, as outside tests: every request then passes a limit kept in the short-lived file.
    const port = await server.start({ FITGATE_RATE_LIMITS: 'on' }).port();
    const signInPage = () => call(port, 'GET', '/manage/login');
    const token = () => call(port, 'POST', '/oauth/token', 'grant_type=client_credentials&client_id=x&client_secret=y');
    expect((await signInPage()).status).toBe(200);

    const holder = holdWriteLock(join(server.dataDir, SHORT_LIVED_DATABASE_FILE));
    try {
      expect((await signInPage()).status).toBe(503);
      // Held until the rate limits' batches are refused as well, as under traffic: a token request then answers 503.
      expect((await untilStatus(token, 503, 5000)).status).toBe(503);
    } finally {
      await holder.release();
    }

    const page = await untilStatus(signInPage, 200, SERVED_AGAIN_WITHIN_MS);
    expect(page.status).toBe(200);
    expect((await token()).status).toBe(401);
    const ready = await call(port, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ok' });
  }, SERVER_TEST_TIMEOUT_MS);
});
