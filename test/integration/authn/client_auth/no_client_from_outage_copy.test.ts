import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { bootstrapToken } from '../../http/bootstrap_token.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from '../../http/fitgate_on_redis.js';
import { uniquePrefix } from '../../../support/redis.js';
import { beginRedisOutage, endRedisOutage, startRedisThatSurvivesKill } from '../../../support/redis_outage.js';
import { describeWithRedisServer, type OwnRedisServer } from '../../../support/redis_server.js';

const BOOTSTRAP = { id: 'outage-copy-automation', secret: 'outage-copy-automation-secret-0123456789abcdef' };

/**
 * Through a store outage each process keeps its copy of tenants and clients (record_cache.ts), but a
 * client is never authenticated against it: a process cut off alone could still hold a secret
 * rotated meanwhile through another one. With the rate limits off (nothing else then fails closed),
 * client_credentials, /oauth/revoke and the Management API's token check answer 503 while Redis is
 * down, and discovery, which only needs the tenant, still answers. Runs on a redis-server of its
 * own, killed mid-run.
 */
describeWithRedisServer('client authentication while Redis is down', () => {
  let redis: OwnRedisServer;
  let fitgate: FitgateOnRedis;
  let managementToken: string;

  const clientCredentials = () =>
    request(fitgate.app)
      .post('/oauth/token')
      .set('Host', HOST)
      .send({ grant_type: 'client_credentials', client_id: BOOTSTRAP.id, client_secret: BOOTSTRAP.secret, audience: `http://${HOST}/api/v2/` });
  const revoke = () =>
    request(fitgate.app).post('/oauth/revoke').set('Host', HOST).send({ client_id: BOOTSTRAP.id, client_secret: BOOTSTRAP.secret, token: 'not-a-token-fitgate-issued' });
  const listClients = () => request(fitgate.app).get('/api/v2/clients').set('Host', HOST).set('Authorization', `Bearer ${managementToken}`);
  const discovery = () => request(fitgate.app).get('/.well-known/openid-configuration').set('Host', HOST);

  beforeAll(async () => {
    redis = await startRedisThatSurvivesKill();
    fitgate = await startFitgateOnRedis(redis.url, uniquePrefix('outage-client-auth'), {
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      FITGATE_RATE_LIMITS: 'off',
    });
  }, 60_000);

  afterAll(async () => {
    await fitgate?.store.close();
    await redis?.cleanup();
  });

  it('answers 503 temporarily_unavailable to every client authentication during the outage, while discovery still answers', async () => {
    // While Redis is up, this process reads (and caches) the tenant and the client.
    managementToken = await bootstrapToken(fitgate.app, HOST, BOOTSTRAP);
    expect((await revoke()).status).toBe(200);
    expect((await listClients()).status).toBe(200);
    const before = await discovery();
    expect(before.status).toBe(200);

    await beginRedisOutage(redis);

    for (const [what, send] of [['client_credentials', clientCredentials], ['revoke', revoke]] as const) {
      const during = await send();
      expect({ what, status: during.status, body: during.body as unknown }).toEqual({
        what,
        status: 503,
        body: { error: 'temporarily_unavailable', error_description: expect.stringMatching(/try again/i) },
      });
    }
    const management = await listClients();
    expect(management.status).toBe(503);
    expect(management.body).toMatchObject({ statusCode: 503 });

    const during = await discovery();
    expect(during.status).toBe(200);
    expect(during.body).toEqual(before.body);

    expect((await endRedisOutage(redis, fitgate.app)).status).toBe(200);
    expect((await clientCredentials()).status).toBe(200);
  }, 60_000);
});
