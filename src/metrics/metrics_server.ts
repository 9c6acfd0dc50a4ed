import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Config } from '../config/index.js';

/** The listener of GET /metrics. */
export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Where the figures come from: one process serves its own registry; a cluster primary serves the sum
 * of every worker's registry (prom-client's AggregatorRegistry asks each worker over IPC; each worker
 * must have called shareMetricsWithPrimary).
 */
export type MetricsSource = { readonly cluster: false; readonly registry: Registry } | { readonly cluster: true };

/**
 * Serves GET /metrics in Prometheus's text format on FITGATE_METRICS_PORT, a listener of its own so
 * the figures are never reachable through the public port. Undefined (nothing listens) when the
 * variable is unset.
 */
export async function startMetricsServer(config: Pick<Config, 'metricsPort'>, source: MetricsSource): Promise<MetricsServer | undefined> {
  if (config.metricsPort === undefined) return undefined;
  const scrape = scraperFor(source);
  const server = createServer((req, res) => {
    answer(req, res, scrape).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/**
 * In a cluster worker: answers the primary's requests for this worker's figures with `registry`
 * (prom-client's IPC protocol). Call once, before the primary's first scrape.
 */
export function shareMetricsWithPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs prom-client's IPC listener in this worker; the instance itself is unused.
  void new AggregatorRegistry();
}

interface Scrape {
  readonly contentType: string;
  text(): Promise<string>;
}

function scraperFor(source: MetricsSource): Scrape {
  if (!source.cluster) return { contentType: source.registry.contentType, text: () => source.registry.metrics() };
  const aggregator = new AggregatorRegistry();
  return { contentType: aggregator.contentType, text: () => aggregator.clusterMetrics() };
}

async function answer(req: IncomingMessage, res: ServerResponse, scrape: Scrape): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/metrics') return plain(res, 404, 'Not found: the metrics are at /metrics\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return plain(res, 405, 'Method not allowed\n');
  }
  let body: string;
  try {
    body = await scrape.text();
  } catch {
    // A worker that did not answer in time (prom-client waits 5 s): say so, without internals.
    return plain(res, 503, 'The metrics could not be collected; try again.\n');
  }
  res.writeHead(200, { 'Content-Type': scrape.contentType, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
