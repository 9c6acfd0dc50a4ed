import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startMetricsServer, type MetricsServer } from '../../../src/metrics/metrics_server.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { describeEachStore } from '../../support/stores.js';
import { useMeteredFitgate } from './metrics_fixture.js';

// /metrics lives on its own port in Prometheus's text format, and nowhere else.

describe('the metrics listener', () => {
  let metrics: PrometheusMetrics;
  let server: MetricsServer;
  beforeAll(async () => {
    metrics = createPrometheusMetrics();
    metrics.authn.login('acme', 'fitbit', 'success', 'new_user', 'none');
    server = (await startMetricsServer({ metricsPort: 0 }, { cluster: false, registry: metrics.registry }))!;
  });
  afterAll(() => server.close());

  it('answers GET /metrics in the Prometheus text format with what was counted', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('fitgate_logins_total{tenant="acme",connection="fitbit",outcome="success",reason="new_user",cause="none"} 1');
  });

  it('answers 404 for any other path and 405 for other methods, without a page of internals', async () => {
    const other = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('Not found: the metrics are at /metrics\n');
    const post = await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('does not listen at all when FITGATE_METRICS_PORT is unset', async () => {
    expect(await startMetricsServer({ metricsPort: undefined }, { cluster: false, registry: metrics.registry })).toBeUndefined();
  });
});

describeEachStore('the public listener', (harness) => {
  const metered = useMeteredFitgate(harness, () => ({ upstream: { kind: 'sandbox' } }));

  it('does not serve /metrics, on the base host or a tenant host', async () => {
    const { fitgate } = metered();
    for (const host of ['localhost:3000', new URL(fitgate.tenantUrl).host]) {
      const response = await request(fitgate.url).get('/metrics').set('Host', host);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('fitgate_');
    }
  });
});
