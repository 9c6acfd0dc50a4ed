import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { clientCredentials as requestClientCredentials } from '../http/bootstrap_token.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from '../http/fitgate_on_redis.js';
import { readinessOnceChanged } from '../../support/readiness.js';
import { uniquePrefix } from '../../support/redis.js';
import { beginRedisOutage, startRedisThatSurvivesKill } from '../../support/redis_outage.js';
import { describeWithRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

const BOOTSTRAP = { id: 'limits-ready-automation', secret: 'limits-ready-automation-secret-0123456789abcdef' };
/** Between two looks at the limiter while its failed batch is on the way. */
const LIMITER_POLL_MS = 10;
/** A failed batch is retried every 100 ms; far longer means the outage never reached the limiter. */
const LIMITER_DOWN_WITHIN_MS = 5000;

/**
 * Once /health/ready answers 200 after a Redis outage, a rate-limited request is served: the
 * limiter, which refuses every hit with the store's error once one of its batches failed, is
 * usable again by then, not at its own next batch some 100 ms later. Runs on a redis-server of its
 * own, killed mid-run.
 */
describeWithRedisServer('rate limits once readiness says Redis is back', () => {
  let redis: OwnRedisServer;
  let fitgate: FitgateOnRedis;

  const clientCredentials = () => requestClientCredentials(fitgate.app, HOST, BOOTSTRAP);

  beforeAll(async () => {
    redis = await startRedisThatSurvivesKill();
    fitgate = await startFitgateOnRedis(redis.url, uniquePrefix('limits-ready'), {
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      FITGATE_RATE_LIMITS: 'on',
    });
  }, 60_000);

  afterAll(async () => {
    await fitgate?.store.close();
    await redis?.cleanup();
  });

  /** Kills Redis and waits until the limiter refuses every hit for the store (its batch failed). */
  async function limiterDown(): Promise<void> {
    await beginRedisOutage(redis);
    expect((await clientCredentials()).status).toBe(503);
    const probe = fitgate.store.batchedRateLimiter({ keyPrefix: 'outage_probe', points: 1_000_000, durationSeconds: 60 });
    const deadline = Date.now() + LIMITER_DOWN_WITHIN_MS;
    let refusal: unknown;
    while (refusal === undefined && Date.now() < deadline) {
      refusal = await probe.consume('probe').then(() => undefined, (error: unknown) => error);
      if (refusal === undefined) await delay(LIMITER_POLL_MS);
    }
    expect(refusal).toBeInstanceOf(StoreUnavailableError);
  }

  /**
   * Starts Redis and probes /health/ready until it answers 200. No probe before the client is
   * back: a failed check answers probes for READY_REUSE_MS, long enough for the limiter's own retry
   * to succeed before a fresh check ran. Probed as soon as the connection is up, readiness is
   * asked within the interval before that retry.
   */
  async function readyAgain(): Promise<void> {
    const client = (fitgate.store as RedisStore).client;
    const reconnected = new Promise((resolve) => client.once('ready', resolve));
    await redis.start();
    await reconnected;
    const ready = await readinessOnceChanged(
      () => request(fitgate.app).get('/health/ready'),
      (answer) => answer.status === 200,
    );
    expect(ready.status).toBe(200);
  }

  it('serves the first rate-limited request after /health/ready turns 200', async () => {
    expect((await clientCredentials()).status).toBe(200);
    // The limiter retries every 100 ms by itself, and readiness lands at a random point of that
    // interval: each round would miss a limiter left to its own retry some of the time, three
    // rounds almost never.
    for (const round of [1, 2, 3]) {
      await limiterDown();
      await readyAgain();
      const next = await clientCredentials();
      expect({ round, status: next.status, body: next.status === 200 ? 'a token' : (next.body as unknown) }).toEqual({ round, status: 200, body: 'a token' });
    }
  }, 60_000);
});
