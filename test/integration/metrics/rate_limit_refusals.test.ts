import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { startMetricsServer, type MetricsServer } from '../../../src/metrics/metrics_server.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { appOnOwnTenant, type AppOnOwnTenant } from '../../support/app_on_own_tenant.js';
import { describeEachStore } from '../../support/stores.js';
import { scrape } from './scrape.js';

describeEachStore('rate-limit refusals on /metrics', (h) => {
  const metrics = createPrometheusMetrics();
  let server: MetricsServer;
  let app: AppOnOwnTenant['app'];
  let host: string;
  let tenantName: string;

  beforeAll(async () => {
    ({ app, host, tenant: tenantName } = await appOnOwnTenant(
      h.store(),
      'refusals',
      { FITGATE_RATE_LIMITS: 'on', FITGATE_RATE_LIMIT_TOKEN_PER_CLIENT: '2/60' },
      { metrics },
    ));
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
