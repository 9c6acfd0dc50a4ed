import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app_deps.js';
import { loadConfig } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { bootstrap } from '../../../src/domain/bootstrap.js';
import { createLogger } from '../../../src/logging/index.js';
import { openStore } from '../../../src/store/open_store.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../../support/log_capture.js';
import { bootstrapToken } from './bootstrap_token.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

/**
 * With REDIS_URL and Redis gone, every request is still answered within 2 s, each in its own format,
 * and fitgate serves again within 5 s of Redis coming back, without a restart and without losing an
 * acknowledged write. Runs against a redis-server of its own that it kills, pauses and restarts.
 */

const HOST = 'localhost:3000';
const ANSWER_BOUND_MS = 2000;
const RECOVERY_BOUND_MS = 5000;
const BOOTSTRAP = { id: 'outage-automation', secret: 'outage-automation-secret-0123456789abcdef' };

describeWithRedisServer('requests while Redis is unreachable', () => {
  let redis: OwnRedisServer;
  let deps: AppDeps;
  /** The app used to set up (its store's caches are warm). */
  let app: Express;
  const stores: Store[] = [];
  let token: string;
  let createdClientId: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    // The settings fitgate asks for: AOF with a write() before every reply survives a killed Redis.
    redis = await startOwnRedisServer(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes', '--appendfsync', 'everysec']);
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      FITGATE_PUBLIC_URL: `http://${HOST}`,
      FITGATE_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
      FITGATE_SESSION_SECRETS: 's'.repeat(48),
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      LOG_LEVEL: 'info',
    });
    const logger = createLogger({ level: 'info', destination: captureLogLines().destination });
    const store = await openStore(config, logger);
    stores.push(store);
    const sealer = createSealer(config.masterKeys);
    await bootstrap({ config, store, sealer, plugins: connectionPlugins() });
    deps = { config, store, sealer, logger, plugins: new Map(), internalBaseUrl: () => 'http://127.0.0.1:0' };
    app = createApp(deps);

    token = await bootstrapToken(app, HOST, BOOTSTRAP);
    const created = await request(app)
      .post('/api/v2/clients')
      .set('Host', HOST)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'written just before the crash', app_type: 'regular_web', callbacks: ['https://app.example.com/callback'] });
    expect(created.status).toBe(201);
    createdClientId = created.body.client_id as string;
  }, 60_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    // A paused Redis must answer again first: closing the client waits for the replies it is owed.
    redis?.resume();
    for (const store of stores) await store.close();
    await redis?.cleanup();
  });

  /** An app on a store of its own whose caches have never been filled: every request reaches Redis. */
  async function coldApp(): Promise<Express> {
    const store = await openStore(deps.config, deps.logger);
    stores.push(store);
    return createApp({ ...deps, store });
  }

  /** Each kind of endpoint, what it must answer while the store is out. */
  const whileDown = (target: Express) => [
    {
      what: 'discovery (OAuth JSON)',
      send: () => request(target).get('/.well-known/openid-configuration').set('Host', HOST),
      check: expectOAuthUnavailable,
    },
    {
      what: 'the token endpoint (OAuth JSON)',
      send: () =>
        request(target)
          .post('/oauth/token')
          .set('Host', HOST)
          .send({ grant_type: 'client_credentials', client_id: BOOTSTRAP.id, client_secret: BOOTSTRAP.secret }),
      check: expectOAuthUnavailable,
    },
    {
      what: '/userinfo (OAuth JSON)',
      send: () => request(target).get('/userinfo').set('Host', HOST).set('Authorization', `Bearer ${token}`),
      check: expectOAuthUnavailable,
    },
    {
      what: 'the Management API (Auth0 JSON)',
      send: () => request(target).get('/api/v2/clients').set('Host', HOST).set('Authorization', `Bearer ${token}`),
      check: (response: request.Response) => {
        expect(response.status).toBe(503);
        expect(response.body).toEqual({
          statusCode: 503,
          error: 'Service Unavailable',
          message: expect.stringMatching(/try again/i),
          errorCode: 'temporarily_unavailable',
        });
      },
    },
    {
      what: '/authorize (page)',
      send: () =>
        request(target)
          .get('/authorize')
          .query({ client_id: BOOTSTRAP.id, response_type: 'code', redirect_uri: 'https://app.example.com/callback', state: 's' })
          .set('Host', HOST)
          .set('Accept', 'text/html'),
      check: expectUnavailablePage,
    },
    {
      what: '/login/callback (page: a login in flight)',
      send: () => request(target).get('/login/callback').query({ code: 'c', state: 's' }).set('Host', HOST).set('Accept', 'text/html'),
      check: expectUnavailablePage,
    },
    {
      what: 'the dashboard (page)',
      send: () => request(target).get('/manage').set('Host', HOST).set('Accept', 'text/html'),
      check: expectUnavailablePage,
    },
    {
      what: '/health/live (still live)',
      send: () => request(target).get('/health/live'),
      check: (response: request.Response) => expect(response.status).toBe(200),
      whatever: true,
    },
    {
      what: '/health/ready (not ready)',
      send: () => request(target).get('/health/ready'),
      check: (response: request.Response) => {
        expect(response.status).toBe(503);
        // The status alone on the public listener; the operator's listener says "not answering".
        expect(response.body).toEqual({ status: 'unavailable' });
      },
      whatever: true,
    },
  ];

  /**
   * Every kind answered within the bound. On a cold app each must be the 503 of its format. A warm
   * app may still answer some from its caches of tenants and clients; any answer it gives is either
   * that normal answer (below 500) or the same 503.
   */
  async function expectEveryKindAnsweredInTime(target: Express, warm: boolean): Promise<void> {
    for (const { what, send, check, whatever } of whileDown(target)) {
      const started = Date.now();
      const response = await answeredWithin(send(), 5 * ANSWER_BOUND_MS, what);
      const elapsed = Date.now() - started;
      expect({ what, withinBound: elapsed < ANSWER_BOUND_MS }).toEqual({ what, withinBound: true });
      if (!warm || whatever || response.status >= 500) check(response);
    }
  }

  it('answers every kind of request within 2 s while Redis is down, then serves again within 5 s of its return, with nothing lost', async () => {
    const cold = await coldApp();
    await redis.kill();
    await expectEveryKindAnsweredInTime(cold, false);
    await expectEveryKindAnsweredInTime(app, true);
    // Again: nothing queued behind the first round makes the second one slower.
    await expectEveryKindAnsweredInTime(cold, false);

    await redis.start();
    const restarted = Date.now();
    await Promise.all([servesWithin(cold, RECOVERY_BOUND_MS), servesWithin(app, RECOVERY_BOUND_MS)]);
    expect(Date.now() - restarted).toBeLessThan(RECOVERY_BOUND_MS);

    const kept = await request(cold).get(`/api/v2/clients/${createdClientId}`).set('Host', HOST).set('Authorization', `Bearer ${token}`);
    expect(kept.status).toBe(200);
    expect(kept.body.name).toBe('written just before the crash');
    expect(unhandled).toEqual([]);
  }, 60_000);

  it('answers within 2 s while Redis is up but not answering (paused), and serves once it answers again', async () => {
    const cold = await coldApp();
    redis.pause();
    try {
      await expectEveryKindAnsweredInTime(cold, false);
      await expectEveryKindAnsweredInTime(app, true);
    } finally {
      redis.resume();
    }
    await Promise.all([servesWithin(cold, RECOVERY_BOUND_MS), servesWithin(app, RECOVERY_BOUND_MS)]);
    expect(unhandled).toEqual([]);
  }, 60_000);

  /** Bounded polling: discovery and readiness both answer 200. */
  async function servesWithin(target: Express, boundMs: number): Promise<void> {
    const deadline = Date.now() + boundMs;
    for (;;) {
      const [ready, discovery] = await Promise.all([
        request(target).get('/health/ready'),
        request(target).get('/.well-known/openid-configuration').set('Host', HOST),
      ]);
      if (ready.status === 200 && discovery.status === 200) return;
      if (Date.now() > deadline) throw new Error(`not serving ${boundMs} ms after Redis came back (ready ${ready.status}, discovery ${discovery.status})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});

/** The response, or a failure naming the request when it is not answered at all (instead of a hung test). */
async function answeredWithin(pending: PromiseLike<request.Response>, boundMs: number, what: string): Promise<request.Response> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${boundMs} ms`)), boundMs);
  });
  try {
    return await Promise.race([pending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function expectOAuthUnavailable(response: request.Response): void {
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
  expect(response.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/try again/i) });
}

function expectUnavailablePage(response: request.Response): void {
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  expect(response.text).toContain('Temporarily unavailable');
  expect(response.text).toMatch(/try again/i);
  const requestId = response.headers['x-request-id'];
  expect(requestId).toBeTruthy();
  expect(response.text).toContain(String(requestId));
}
