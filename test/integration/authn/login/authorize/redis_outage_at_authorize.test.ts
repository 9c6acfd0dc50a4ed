import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { RATE_LIMIT_BATCH_MS } from '../../../../../src/store/rate_limit_batches.js';
import { bootstrapToken } from '../../../http/bootstrap_token.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from '../../../http/fitgate_on_redis.js';
import { uniquePrefix } from '../../../../support/redis.js';
import { beginRedisOutage, endRedisOutage, startRedisThatSurvivesKill } from '../../../../support/redis_outage.js';
import { describeWithRedisServer, type OwnRedisServer } from '../../../../support/redis_server.js';

const BOOTSTRAP = { id: 'outage-authorize-automation', secret: 'outage-authorize-automation-secret-0123456789' };
const REDIRECT_URI = 'https://app.example.com/callback';

/**
 * With Redis really down (killed mid-run), /authorize for a client and redirect_uri this process
 * has read sends the application error=temporarily_unavailable with its state (RFC 6749 §4.1.2.1),
 * whichever step meets the outage first: the rate limit's count (limits on, as in production) or the
 * login transaction. A client or redirect_uri it cannot verify gets the 503 page, never a redirect.
 */
describeWithRedisServer('/authorize while Redis is down', () => {
  let redis: OwnRedisServer;
  let fitgate: FitgateOnRedis;
  let clientId: string;

  const authorize = (params: Record<string, string>) =>
    request(fitgate.app)
      .get('/authorize')
      .query({ client_id: clientId, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid', connection: 'fitbit', ...params })
      .set('Host', HOST)
      .set('Accept', 'text/html');

  beforeAll(async () => {
    redis = await startRedisThatSurvivesKill();
    fitgate = await startFitgateOnRedis(redis.url, uniquePrefix('outage-authorize'), {
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      FITGATE_RATE_LIMITS: 'on',
    });
    const token = await bootstrapToken(fitgate.app, HOST, BOOTSTRAP);
    const management = (method: 'get' | 'post' | 'patch', path: string) =>
      request(fitgate.app)[method](`/api/v2${path}`).set('Host', HOST).set('Authorization', `Bearer ${token}`);
    const created = await management('post', '/clients').send({ name: 'a web app', app_type: 'regular_web', callbacks: [REDIRECT_URI] });
    expect(created.status).toBe(201);
    clientId = created.body.client_id as string;
    const [connection] = (await management('get', '/connections')).body as Array<{ id: string }>;
    expect((await management('patch', `/connections/${connection!.id}`).send({ enabled_clients: [clientId] })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await fitgate?.store.close();
    await redis?.cleanup();
  });

  it('redirects a client it can verify with temporarily_unavailable and its state, and shows the page for one it cannot', async () => {
    // The login an application starts while Redis is up: this process reads the tenant and the client.
    const up = await authorize({ state: 'before' });
    expect(up.status).toBe(302);
    expect(up.headers.location).not.toContain(REDIRECT_URI);

    await beginRedisOutage(redis);
    // The first attempts meet the outage at the login transaction, the later ones at the rate
    // limit, once its batch failed (every RATE_LIMIT_BATCH_MS): both go back to the application.
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const down = await authorize({ state: `attempt-${attempt}` });
      expect({ attempt, status: down.status }).toEqual({ attempt, status: 302 });
      const location = new URL(down.headers.location as string);
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        error: 'temporarily_unavailable',
        error_description: expect.stringMatching(/try again/i),
        state: `attempt-${attempt}`,
        iss: `http://${HOST}/`,
      });
      await delay(2 * RATE_LIMIT_BATCH_MS);
    }

    const unverifiable: Array<Record<string, string>> = [{ redirect_uri: 'https://elsewhere.example.com/callback' }, { client_id: 'never-read-by-this-process' }];
    for (const params of unverifiable) {
      const page = await authorize({ state: 's', ...params });
      expect(page.status).toBe(503);
      expect(page.headers.location).toBeUndefined();
      expect(page.type).toBe('text/html');
      expect(page.text).toContain('Temporarily unavailable');
    }

    expect((await endRedisOutage(redis, fitgate.app)).status).toBe(200);
  }, 60_000);
});
