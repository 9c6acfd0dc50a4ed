import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Config } from '../config/index.js';
import { clusterScrape, type ClusterWorkers, type Scrape } from './cluster_scrape.js';

/** The listener of GET /metrics. */
export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Where the figures come from: one process serves its own registry; a cluster primary serves its
 * workers' figures (each answers the primary's `metrics` question with its registry) combined with
 * its own (cluster_scrape.ts).
 */
export type MetricsSource = { readonly cluster: false; readonly registry: Registry } | { readonly cluster: true; readonly workers: ClusterWorkers };

/** The operator's GET /health/ready: the readiness check's whole answer (src/http/readiness_details.ts). */
export type ReadinessListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves GET /metrics in Prometheus's text format on FITGATE_METRICS_PORT, a listener of its own so
 * the figures are never reachable through the public port, and with `readiness` the operator's
 * GET /health/ready there, for the same reason: what it says (file paths, Redis's settings, master
 * key ids) is for whoever may read the figures, not for anyone who reaches the public port.
 * Undefined (nothing listens) when the variable is unset.
 */
export async function startMetricsServer(
  config: Pick<Config, 'metricsPort'> & Partial<Pick<Config, 'metricsHost'>>,
  source: MetricsSource,
  readiness?: ReadinessListener,
): Promise<MetricsServer | undefined> {
  if (config.metricsPort === undefined) return undefined;
  const scrape = scraperFor(source);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answered = path === '/health/ready' && readiness ? readiness(req, res) : answer(req, res, scrape);
    answered.catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // FITGATE_METRICS_HOST, loopback unless configured; a caller without one gets loopback too, never every interface.
    server.listen(config.metricsPort, config.metricsHost ?? '127.0.0.1', () => {
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

function scraperFor(source: MetricsSource): Scrape {
  if (!source.cluster) return { contentType: source.registry.contentType, text: () => source.registry.metrics() };
  return clusterScrape(source.workers);
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
    // A figure that failed to collect (a worker that does not answer is no failure: cluster_scrape.ts).
    return plain(res, 503, 'The metrics could not be collected; try again.\n');
  }
  res.writeHead(200, { 'Content-Type': scrape.contentType, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
