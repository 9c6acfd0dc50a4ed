import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import request from 'supertest';
import type { AuthorizationCodeRecord } from '../../../src/authn/codes/authorization_code.js';
import { userRecord } from '../store/records.js';
import { bootstrapToken } from './bootstrap_token.js';
import { HOST, startFitgateOnRedis, type FitgateOnRedis } from './fitgate_on_redis.js';
import { uniquePrefix } from '../../support/redis.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';
import { readinessOnceChanged } from '../../support/readiness.js';

/**
 * A Redis whose memory is full under `noeviction` answers every read and refuses every write
 * ("OOM command not allowed when used memory > 'maxmemory'"). /health/ready must say so, and a
 * request that writes must answer 503 in its own format, worded "full" rather than "cannot reach",
 * and an authorization code refused that way must still be there for the client's retry.
 * Runs on a redis-server of its own whose maxmemory it sets to 1 byte (Redis is then over it for
 * good, whatever it holds); the shared server's settings are left alone.
 */

const BOOTSTRAP = { id: 'full-automation', secret: 'full-automation-secret-0123456789abcdef' };
const REDIRECT_URI = 'https://app.example.com/callback';
const FULL_WORDS = 'Redis is full (maxmemory reached with noeviction)';

describeWithRedisServer('/health/ready and requests while Redis is full', () => {
  let redis: OwnRedisServer;
  /** A connection of the test's own, to change maxmemory as an operator would. */
  let operator: ReturnType<typeof createClient>;
  let fitgate: FitgateOnRedis;
  let token: string;
  let client: { id: string; secret: string };
  /** An authorization code issued before Redis filled up, exchanged while it is full. */
  const code = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction']);
    operator = createClient({ url: redis.url });
    operator.on('error', () => undefined);
    await operator.connect();
    fitgate = await startFitgateOnRedis(redis.url, uniquePrefix('health-full'), {
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
    });
    token = await bootstrapToken(fitgate.app, HOST, BOOTSTRAP);
    const management = (method: 'get' | 'post' | 'patch', path: string) =>
      request(fitgate.app)[method](`/api/v2${path}`).set('Host', HOST).set('Authorization', `Bearer ${token}`);
    const created = await management('post', '/clients').send({ name: 'a web app', app_type: 'regular_web', callbacks: [REDIRECT_URI] });
    expect(created.status).toBe(201);
    client = { id: created.body.client_id as string, secret: created.body.client_secret as string };
    const [connection] = (await management('get', '/connections')).body as Array<{ id: string }>;
    expect((await management('patch', `/connections/${connection!.id}`).send({ enabled_clients: [client.id] })).status).toBe(200);
    const user = userRecord('default');
    await fitgate.store.users.create(user);
    const issued: AuthorizationCodeRecord = {
      tenant: 'default',
      clientId: client.id,
      redirectUri: REDIRECT_URI,
      userId: user.userId,
      scope: ['openid', 'offline_access'],
      connection: 'fitbit',
      authTime: Math.floor(Date.now() / 1000),
      grantId: 'grant-full',
    };
    await fitgate.store.ephemeral.put('authorization_code', code, issued, 600);
  }, 60_000);

  afterAll(async () => {
    await fitgate?.store.close();
    if (operator?.isOpen) operator.destroy();
    await redis?.cleanup();
  });

  const fill = () => operator.configSet('maxmemory', '1');
  /** The application's exchange of the code issued before Redis filled up. */
  const exchangeCode = () =>
    request(fitgate.app)
      .post('/oauth/token')
      .set('Host', HOST)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: client.id, client_secret: client.secret });
  const makeRoom = () => operator.configSet('maxmemory', '0');

  it('answers 503 saying Redis is full, with Retry-After, and is ready again once Redis has room', async () => {
    expect((await request(fitgate.readinessDetails).get('/health/ready')).status).toBe(200);
    await fill();
    try {
      const full = await readinessOnceChanged(() => request(fitgate.readinessDetails).get('/health/ready'), (answer) => answer.status !== 200);
      expect(full.status).toBe(503);
      expect(full.headers['retry-after']).toBe('5');
      expect(full.body).toMatchObject({
        status: 'unavailable',
        store: 'full: Redis is full (maxmemory reached with noeviction) and refuses every write; free memory or raise maxmemory',
      });
      // The load balancer's probe: the same check, its status only.
      const balancer = await request(fitgate.app).get('/health/ready');
      expect([balancer.status, balancer.body, balancer.headers['retry-after']]).toEqual([503, { status: 'unavailable' }, '5']);
    } finally {
      await makeRoom();
    }
    const again = await readinessOnceChanged(() => request(fitgate.readinessDetails).get('/health/ready'), (answer) => answer.status !== 503);
    expect(again.status).toBe(200);
    expect(again.body.store).toBe('ok');
    expect(again.headers['retry-after']).toBeUndefined();
  });

  it('answers a login, a token request and a Management API write temporarily_unavailable worded "full", never a 500, and loses no code', async () => {
    await fill();
    try {
      // /authorize answers a known client through its redirect_uri (RFC 6749 §4.1.2.1).
      const login = await request(fitgate.app)
        .get('/authorize')
        .query({ client_id: client.id, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid', state: 's', connection: 'fitbit' })
        .set('Host', HOST)
        .set('Accept', 'text/html');
      expect(login.status).toBe(302);
      const back = new URL(String(login.headers.location));
      expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
      expect(back.searchParams.get('error')).toBe('temporarily_unavailable');
      expect(back.searchParams.get('error_description')).toContain(FULL_WORDS);

      const exchange = await exchangeCode();
      expect(exchange.status).toBe(503);
      expect(exchange.headers['retry-after']).toBe('5');
      expect(exchange.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringContaining(FULL_WORDS) });

      const write = await request(fitgate.app)
        .post('/api/v2/clients')
        .set('Host', HOST)
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'written while full', app_type: 'regular_web', callbacks: [REDIRECT_URI] });
      expect(write.status).toBe(503);
      expect(write.headers['retry-after']).toBe('5');
      expect(write.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringContaining(FULL_WORDS),
        errorCode: 'temporarily_unavailable',
      });
    } finally {
      await makeRoom();
    }
    // The refused exchange left the code in place: the client's retry, once Redis has room, signs the user in.
    const retried = await exchangeCode();
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
  });

  it('shows people a readable "full" page instead of the dashboard sign-in, never a 500', async () => {
    await fill();
    try {
      const page = await request(fitgate.app).get('/manage/login').set('Host', HOST).set('Accept', 'text/html');
      expect(page.status).toBe(503);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Temporarily unavailable');
      expect(page.text).toContain(FULL_WORDS);
      expect(page.text).not.toContain('cannot reach');
    } finally {
      await makeRoom();
    }
  });
});
