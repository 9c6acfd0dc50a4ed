import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
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
    // The per-client limit is spent once the client authenticates, so the requests carry its secret.
    const { client, clientSecret } = await createClient(h.store().clients, { tenant: tenantName, name: 'Limited', appType: 'regular_web' });
    const refusals = async () =>
      (await scrape(`http://127.0.0.1:${server.port}/metrics`)).value('fitgate_rate_limit_refusals_total', { limiter: 'authn_token_client', tenant: tenantName });
    const token = () =>
      request(app)
        .post('/oauth/token')
        .set('Host', host)
        .set('X-Forwarded-For', `192.0.2.${randomBytes(1)[0] ?? 1}`)
        .type('form')
        .send({ grant_type: 'refresh_token', refresh_token: 'never-issued', client_id: client.clientId, client_secret: clientSecret ?? '' });
    for (let i = 0; i < 2; i += 1) expect((await token()).status).toBe(400);
    expect(await refusals()).toBe(0);
    expect((await token()).status).toBe(429);
    expect((await token()).status).toBe(429);
    expect(await refusals()).toBe(2);
  });
});
