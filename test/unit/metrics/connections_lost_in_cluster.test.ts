import { describe, expect, it } from '@jest/globals';
import { aggregateCluster, type MetricJson } from '../../../src/metrics/cluster_aggregation.js';
import { KeptWorkerCounts, type WorkerAnswer } from '../../../src/metrics/kept_worker_counts.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { parseExposition } from '../../integration/metrics/scrape.js';

// Every worker has a Redis connection of its own, and one Redis restart drops them all. The primary
// serves the most any one worker lost, so FitgateStoreConnectionFlapping counts flaps of Redis,
// not flaps times workers; and a worker gone for good keeps its count without adding it to another's.

const LOST = 'fitgate_store_connections_lost_total';

class Worker {
  readonly metrics: PrometheusMetrics = createPrometheusMetrics();

  constructor(readonly id: number) {}

  lose(times: number): this {
    for (let i = 0; i < times; i += 1) this.metrics.store.connectionLost();
    return this;
  }

  async answer(): Promise<WorkerAnswer> {
    return { id: this.id, metrics: JSON.parse(JSON.stringify(await this.metrics.registry.getMetricsAsJSON())) as unknown };
  }
}

/** What the primary serves of the counter after this scrape (cluster_scrape.ts, without the primary's own figures). */
async function served(kept: KeptWorkerCounts, answers: WorkerAnswer[]): Promise<number | undefined> {
  const { fresh, kept: counts } = kept.update(answers);
  const series = parseExposition(await aggregateCluster([], [...fresh, ...counts] as MetricJson[][]).metrics());
  return series.find((each) => each.name === LOST)?.value;
}

describe(`${LOST} with workers`, () => {
  it('is the most any one worker lost: one Redis restart counts once, however many workers', async () => {
    const kept = new KeptWorkerCounts();
    const workers = [new Worker(1), new Worker(2), new Worker(3)];
    expect(await served(kept, await Promise.all(workers.map((each) => each.answer())))).toBe(0);
    for (const worker of workers) worker.lose(1);
    expect(await served(kept, await Promise.all(workers.map((each) => each.answer())))).toBe(1);
    workers[0]!.lose(1);
    expect(await served(kept, await Promise.all(workers.map((each) => each.answer())))).toBe(2);
  });

  it('never goes down, nor jumps, as workers are replaced', async () => {
    const kept = new KeptWorkerCounts();
    const [a, b] = [new Worker(1).lose(2), new Worker(2).lose(2)];
    expect(await served(kept, [await a.answer(), await b.answer()])).toBe(2);

    // a gone, replaced by c: a's count is kept.
    const c = new Worker(3);
    expect(await served(kept, [await b.answer(), await c.answer()])).toBe(2);
    // b gone too, replaced by d: kept as the most, not as a sum of a's and b's.
    const d = new Worker(4);
    expect(await served(kept, [await c.answer(), await d.answer()])).toBe(2);
    // A new flap shows once the new workers have lost more than the gone ones.
    c.lose(3);
    expect(await served(kept, [await c.answer(), await d.lose(3).answer()])).toBe(3);
  });
});
