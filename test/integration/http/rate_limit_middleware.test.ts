import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import { answerErrorsAs } from '../../../src/http/error_format.js';
import { errorHandler } from '../../../src/http/error_handler.js';
import { rateLimit, spendRateLimits, type RateLimitRule } from '../../../src/http/rate_limit.js';
import { views } from '../../../src/http/views.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId } from '../store/records.js';

/** The middleware alone on a real store: one route limited by the rules given, the real error handler. */
function limitedApp(rules: RateLimitRule[]): Express {
  const app = express();
  app.get('/limited', answerErrorsAs('oauth'), rateLimit(rules, (seconds) => `wait ${seconds}s`), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler(views(), { error: () => undefined }));
  return app;
}

describe('the rate limit middleware', () => {
  let testStore: TestStore;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(async () => {
    await testStore.cleanup();
  });

  const rule = (points: number, key: string | undefined): RateLimitRule => ({
    limiter: testStore.store.rateLimiter({ keyPrefix: uniqueId('mw'), points, durationSeconds: 60 }),
    keyOf: () => key,
  });

  it('reports the rule closest to its limit in the x-ratelimit headers', async () => {
    const app = limitedApp([rule(10, 'a'), rule(3, 'b'), rule(5, 'c')]);
    const answer = await request(app).get('/limited');
    expect([answer.status, answer.headers['x-ratelimit-limit'], answer.headers['x-ratelimit-remaining']]).toEqual([200, '3', '2']);
  });

  it('keeps reporting the tighter limit when the route spends another one later (once its caller is known)', async () => {
    const later = rule(10, 'later');
    const app = express();
    app.get('/staged', rateLimit([rule(3, 'a')], () => 'wait'), async (req, res, next) => {
      try {
        await spendRateLimits(req, res, [{ counter: later, key: 'later' }], () => 'wait');
      } catch (error) {
        return next(error);
      }
      res.json({ ok: true });
    });
    const answer = await request(app).get('/staged');
    expect([answer.status, answer.headers['x-ratelimit-limit'], answer.headers['x-ratelimit-remaining']]).toEqual([200, '3', '2']);
  });

  it('skips a rule that does not apply to the request', async () => {
    const app = limitedApp([rule(1, undefined)]);
    for (let i = 0; i < 3; i += 1) {
      const answer = await request(app).get('/limited');
      expect([answer.status, answer.headers['x-ratelimit-limit']]).toEqual([200, undefined]);
    }
  });

  it('refuses the request, rather than letting it through, when the limiter store fails', async () => {
    const broken = await testStore.reopen();
    const app = limitedApp([{ limiter: broken.rateLimiter({ keyPrefix: uniqueId('mw'), points: 100, durationSeconds: 60 }), keyOf: () => 'a' }]);
    await broken.close();
    const answer = await request(app).get('/limited');
    // A 500, or a 503 where store failures are told apart; never the route's 200 or a 429.
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expect(['server_error', 'temporarily_unavailable']).toContain(answer.body.error);
  });
});
