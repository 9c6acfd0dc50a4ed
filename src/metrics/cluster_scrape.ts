import { aggregateCluster } from './cluster_aggregation.js';
import { KeptWorkerCounts, type WorkerAnswer } from './kept_worker_counts.js';
import { primaryProcessMetrics, workersMetrics, type WorkersStatus } from './primary_metrics.js';

/**
 * How long the primary waits for each worker's figures. Under Prometheus's scrape timeouts (10 s by
 * default, often 5 s), and above the 1.5 s a worker's fitgate_store_up waits for its store, so a
 * worker whose store hangs still answers, with a 0.
 */
export const WORKER_ANSWER_BOUND_MS = 2_500;

/** The cluster's workers as the primary runs them (src/cluster/primary.ts, RunningCluster). */
export interface ClusterWorkers {
  readonly expected: number;
  status(): WorkersStatus;
  /** Every worker alive, with its figures when it answered within `timeoutMs`. */
  collectMetrics(timeoutMs: number): Promise<readonly WorkerAnswer[]>;
}

export interface Scrape {
  readonly contentType: string;
  text(): Promise<string>;
}

/**
 * The cluster primary's /metrics: each worker is asked on its own, with a bound, and the answers
 * that came are combined with the primary's own figures. A worker that does not answer (starting,
 * failing to start, wedged) costs the scrape its own figures, not the whole scrape:
 * fitgate_workers_reporting says how many are in, and its counters count as it last reported them
 * (kept_worker_counts.ts).
 */
export function clusterScrape(workers: ClusterWorkers): Scrape {
  const primary = primaryProcessMetrics();
  const kept = new KeptWorkerCounts();
  return {
    contentType: primary.contentType,
    async text() {
      const [answers, own] = await Promise.all([workers.collectMetrics(WORKER_ANSWER_BOUND_MS), primary.getMetricsAsJSON()]);
      const { fresh, kept: counts } = kept.update(answers);
      const status = await workersMetrics(workers.expected, workers.status(), fresh.length).getMetricsAsJSON();
      return aggregateCluster([...own, ...status], [...fresh, ...counts]).metrics();
    },
  };
}
