import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { buildTenant, tenantUrl } from '../../../src/domain/tenants.js';
import { createLogger } from '../../../src/logging/index.js';
import { startMetricsServer, type MetricsServer } from '../../../src/metrics/metrics_server.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { createSealer } from '../../../src/store/sealing.js';
import { describeEachStore } from '../../support/stores.js';
import { scrape } from './scrape.js';

describeEachStore('rate-limit refusals on /metrics', (h) => {
  const metrics = createPrometheusMetrics();
  let server: MetricsServer;
  let app: ReturnType<typeof createApp>;
  let host: string;
  let tenantName: string;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      FITGATE_DATA_DIR: '/nonexistent',
      FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
      FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
      FITGATE_TRUST_PROXY: 'true',
      LOG_LEVEL: 'silent',
      FITGATE_RATE_LIMITS: 'on',
      FITGATE_RATE_LIMIT_TOKEN_PER_CLIENT: '2/60',
    });
    const sealer = createSealer(config.masterKeys);
    const tenant = await buildTenant(`refusals${randomBytes(3).toString('hex')}`, sealer);
    await h.store().tenants.create(tenant);
    tenantName = tenant.name;
    const deps = { config, store: h.store(), sealer, logger: createLogger({ level: 'silent' }), plugins: new Map(), internalBaseUrl: () => '', metrics };
    app = createApp(deps);
    host = new URL(tenantUrl(config, tenant.name)).host;
    const started = await startMetricsServer({ metricsPort: 0 }, { cluster: false, registry: metrics.registry });
    if (!started) throw new Error('a metrics port was given, so the server must listen');
    server = started;
  });
  afterAll(async () => server.close());

  it('counts each 429 of a rule under its limiter and tenant, and nothing for requests it lets through', async () => {
    const refusals = async () =>
      (await scrape(`http://127.0.0.1:${server.port}/metrics`)).value('fitgate_rate_limit_refusals_total', { limiter: 'authn_token_client', tenant: tenantName });
    const token = () =>
      request(app)
        .post('/oauth/token')
        .set('Host', host)
        .set('X-Forwarded-For', `192.0.2.${randomBytes(1)[0] ?? 1}`)
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: 'limited-client', client_secret: 'wrong' });
    for (let i = 0; i < 2; i += 1) expect((await token()).status).toBe(401);
    expect(await refusals()).toBe(0);
    expect((await token()).status).toBe(429);
    expect((await token()).status).toBe(429);
    expect(await refusals()).toBe(2);
  });
});
