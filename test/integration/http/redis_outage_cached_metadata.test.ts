import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from './fitgate_on_redis.js';
import { uniquePrefix } from '../../support/redis.js';
import { beginRedisOutage, endRedisOutage, startRedisThatSurvivesKill } from '../../support/redis_outage.js';
import { describeWithRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8';

/**
 * Discovery and the JWKS need only the tenant, which each process keeps in memory: while Redis is
 * down they are served as last read (relying parties keep a JWKS that long anyway), well past the
 * 250 ms in which the configuration version alone is cached. A tenant the process never read cannot
 * be, and is a 503 in OAuth JSON, also to a client whose Accept prefers HTML. Runs on a
 * redis-server of its own, killed mid-run.
 */
describeWithRedisServer('discovery and the JWKS while Redis is down', () => {
  let redis: OwnRedisServer;
  let fitgate: FitgateOnRedis;
  const discovery = () => request(fitgate.app).get('/.well-known/openid-configuration').set('Host', HOST);
  const jwks = () => request(fitgate.app).get('/.well-known/jwks.json').set('Host', HOST);

  beforeAll(async () => {
    redis = await startRedisThatSurvivesKill();
    fitgate = await startFitgateOnRedis(redis.url, uniquePrefix('outage-metadata'));
  }, 60_000);

  afterAll(async () => {
    await fitgate?.store.close();
    await redis?.cleanup();
  });

  it('serves both as they were before Redis died, then a tenant never read as OAuth JSON 503, and everything once Redis is back', async () => {
    const before = { discovery: await discovery(), jwks: await jwks() };
    expect(before.discovery.status).toBe(200);
    expect(before.jwks.status).toBe(200);
    expect((before.jwks.body as { keys: unknown[] }).keys.length).toBeGreaterThan(0);

    await beginRedisOutage(redis);
    for (const [what, send] of [['discovery', discovery], ['jwks', jwks]] as const) {
      const during = await send();
      expect({ what, status: during.status }).toEqual({ what, status: 200 });
      expect(during.body).toEqual(before[what].body);
    }

    for (const send of [
      () => request(fitgate.app).get('/.well-known/jwks.json'),
      () => request(fitgate.app).post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' }),
    ]) {
      const unknown = await send().set('Host', `nevercached.${HOST}`).set('Accept', BROWSER_ACCEPT);
      expect(unknown.status).toBe(503);
      expect(unknown.type).toBe('application/json');
      expect(unknown.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/try again/i) });
    }

    expect((await endRedisOutage(redis, fitgate.app)).status).toBe(200);
    expect((await discovery()).status).toBe(200);
  }, 60_000);
});
