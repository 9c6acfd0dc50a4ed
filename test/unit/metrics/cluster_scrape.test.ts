import { describe, expect, it } from '@jest/globals';
import { clusterScrape, WORKER_ANSWER_BOUND_MS, type ClusterWorkers } from '../../../src/metrics/cluster_scrape.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import type { WorkerAnswer } from '../../../src/metrics/kept_worker_counts.js';
import { parseExposition } from '../../integration/metrics/scrape.js';

// The primary's /metrics with workers: the workers that answered, plus the primary's own figures
// about them (how many are expected, serving, starting, reporting; restarts by reason) and about
// itself (its process, its start time).

async function workerAnswer(id: number, storeUp: boolean): Promise<WorkerAnswer> {
  const metrics = createPrometheusMetrics();
  metrics.store.watchAvailability(async () => {
    if (!storeUp) throw new Error('ECONNREFUSED');
  });
  metrics.authn.login('acme', 'fitbit', 'success', 'new_user', 'none');
  return { id, metrics: JSON.parse(JSON.stringify(await metrics.registry.getMetricsAsJSON())) as unknown };
}

function cluster(answers: () => Promise<WorkerAnswer[]>): ClusterWorkers & { bounds: number[] } {
  const bounds: number[] = [];
  return {
    bounds,
    expected: 3,
    status: () => ({ serving: 2, starting: 1, restarts: { signal: 1, store_unavailable: 4, crash: 0, clean_exit: 0 } }),
    collectMetrics: async (timeoutMs) => {
      bounds.push(timeoutMs);
      return answers();
    },
  };
}

async function scraped(workers: ClusterWorkers) {
  const series = parseExposition(await clusterScrape(workers).text());
  return {
    series,
    value: (name: string, labels: Record<string, string> = {}) =>
      series.filter((each) => each.name === name && Object.entries(labels).every(([key, wanted]) => each.labels[key] === wanted)).reduce((sum, each) => sum + each.value, 0),
    count: (name: string) => series.filter((each) => each.name === name).length,
  };
}

describe("the cluster primary's scrape", () => {
  it('serves the workers that answered, and says how many of how many did', async () => {
    const workers = cluster(async () => [await workerAnswer(1, true), await workerAnswer(2, false), { id: 3 }]);
    const figures = await scraped(workers);
    expect(figures.value('fitgate_logins_total')).toBe(2);
    expect(figures.value('fitgate_workers_reporting')).toBe(2);
    expect(figures.value('fitgate_workers_expected')).toBe(3);
    // The lowest of the workers that answered.
    expect(figures.count('fitgate_store_up')).toBe(1);
    expect(figures.value('fitgate_store_up')).toBe(0);
  });

  it('asks each worker with a bound under a scrape timeout', async () => {
    const workers = cluster(async () => []);
    await scraped(workers);
    expect(workers.bounds).toEqual([WORKER_ANSWER_BOUND_MS]);
    expect(WORKER_ANSWER_BOUND_MS).toBeLessThanOrEqual(3_000);
  });

  it('counts the workers by state and the restarts by reason, every reason from 0', async () => {
    const figures = await scraped(cluster(async () => []));
    expect(figures.value('fitgate_workers', { state: 'serving' })).toBe(2);
    expect(figures.value('fitgate_workers', { state: 'starting' })).toBe(1);
    expect(figures.series.filter((each) => each.name === 'fitgate_worker_restarts_total').map((each) => [each.labels.reason, each.value])).toEqual([
      ['signal', 1],
      ['store_unavailable', 4],
      ['crash', 0],
      ['clean_exit', 0],
    ]);
  });

  it("has the primary's own process figures when no worker answers, its start time among them", async () => {
    const figures = await scraped(cluster(async () => [{ id: 1 }, { id: 2 }]));
    expect(figures.value('fitgate_workers_reporting')).toBe(0);
    expect(figures.count('process_start_time_seconds')).toBe(1);
    expect(figures.value('process_start_time_seconds')).toBeCloseTo(Date.now() / 1000 - process.uptime(), -1);
    expect(figures.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(figures.count('fitgate_store_up')).toBe(0);
  });
});
