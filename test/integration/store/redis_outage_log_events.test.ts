import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { bootstrapToken, clientCredentials as requestClientCredentials } from '../http/bootstrap_token.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from '../http/fitgate_on_redis.js';
import { uniquePrefix } from '../../support/redis.js';
import { beginRedisOutage, endRedisOutage, startRedisThatSurvivesKill } from '../../support/redis_outage.js';
import { describeWithRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import type { LogLine } from '../../support/log_capture.js';
import { eventually } from './eventually.js';

const BOOTSTRAP = { id: 'outage-log-automation', secret: 'outage-log-automation-secret-0123456789abcdef' };
const FAILED_DURING_OUTAGE = 5;

/**
 * Log events of requests answered while Redis is down wait in memory and are written once it is
 * back (docs/operations.md, "When the store is down"): the client's name an event would carry is
 * read from the store too, and that read failing must not cost the event, nor log a line per event.
 * Runs on a redis-server of its own, killed mid-run.
 */
describeWithRedisServer('tenant log events recorded while Redis is down', () => {
  let redis: OwnRedisServer;
  let fitgate: FitgateOnRedis;

  const clientCredentials = () => requestClientCredentials(fitgate.app, HOST, BOOTSTRAP);
  const logged = (msg: string | RegExp) =>
    fitgate.logLines.map((line) => JSON.parse(line) as LogLine).filter((line) => (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg)));

  beforeAll(async () => {
    redis = await startRedisThatSurvivesKill();
    fitgate = await startFitgateOnRedis(redis.url, uniquePrefix('outage-log-events'), {
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      FITGATE_RATE_LIMITS: 'off',
    });
  }, 60_000);

  afterAll(async () => {
    await fitgate?.store.close();
    await redis?.cleanup();
  });

  it('writes the failed exchanges of the outage to /api/v2/logs once Redis is back, logging the outage, not each event', async () => {
    const managementToken = await bootstrapToken(fitgate.app, HOST, BOOTSTRAP);
    const feccft = () => request(fitgate.app).get('/api/v2/logs?q=type%3Afeccft').set('Host', HOST).set('Authorization', `Bearer ${managementToken}`);
    // A read writes what is pending first: the token's own event cannot be the batch that fails below.
    expect((await feccft()).body).toEqual([]);

    await beginRedisOutage(redis);
    const outageBegan = Date.now();
    for (let i = 0; i < FAILED_DURING_OUTAGE; i += 1) expect((await clientCredentials()).status).toBe(503);
    // The events reached the writer while Redis was still down: its batch failed and is kept.
    await eventually(async () => (logged('writing a batch of log events failed; retrying').length > 0 ? true : undefined), 'the batch of the outage failed');
    const outageEnded = Date.now();

    expect((await endRedisOutage(redis, fitgate.app)).status).toBe(200);
    const logs = await feccft();
    expect(logs.status).toBe(200);
    const events = logs.body as Array<{ type: string; client_id?: string; date: string; details?: { error?: string } }>;
    expect(events).toHaveLength(FAILED_DURING_OUTAGE);
    for (const event of events) {
      expect(event).toMatchObject({ type: 'feccft', client_id: BOOTSTRAP.id, details: { error: 'temporarily_unavailable' } });
      // Dated when the request was answered, not when the store came back.
      expect(Date.parse(event.date)).toBeGreaterThanOrEqual(outageBegan);
      expect(Date.parse(event.date)).toBeLessThanOrEqual(outageEnded);
    }
    expect(logged('could not record a log event')).toEqual([]);
    expect(logged(/are lost$/)).toEqual([]);
  }, 60_000);
});
