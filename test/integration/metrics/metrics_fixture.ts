import { afterAll, beforeAll } from '@jest/globals';
import { startMetricsServer, type MetricsServer } from '../../../src/metrics/metrics_server.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import type { StoreHarness } from '../../support/stores.js';
import { startFrontChannel, type FrontChannel, type FrontChannelOptions } from '../../support/authn/front_channel_fixture.js';
import { scrape, type Scrape } from './scrape.js';

/** fitgate with its own Prometheus metrics and /metrics on a port of its own, as server.ts wires them. */
export interface MeteredFitgate {
  readonly fitgate: FrontChannel;
  readonly metrics: PrometheusMetrics;
  /** "http://127.0.0.1:PORT/metrics" */
  readonly metricsUrl: string;
  scrape(): Promise<Scrape>;
}

/** Starts a metered fitgate on the harness's store in beforeAll and stops it in afterAll. */
export function useMeteredFitgate(
  harness: StoreHarness,
  options: () => Omit<FrontChannelOptions, 'store' | 'metrics'>,
): () => MeteredFitgate {
  let running: (MeteredFitgate & { server: MetricsServer }) | undefined;
  beforeAll(async () => {
    const metrics = createPrometheusMetrics();
    const fitgate = await startFrontChannel({ ...options(), store: harness.store(), metrics });
    const server = await startMetricsServer({ metricsPort: 0 }, { cluster: false, registry: metrics.registry });
    if (!server) throw new Error('a metrics port was given, so the server must listen');
    const metricsUrl = `http://127.0.0.1:${server.port}/metrics`;
    running = { fitgate, metrics, metricsUrl, server, scrape: () => scrape(metricsUrl) };
  });
  afterAll(async () => {
    await running?.server.close();
    await running?.fitgate.close();
  });
  return () => {
    if (!running) throw new Error('the metered fitgate starts in beforeAll');
    return running;
  };
}
