import { describe, expect, it } from '@jest/globals';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { aggregateCluster, type MetricJson } from '../../../src/metrics/cluster_aggregation.js';
import { KeptWorkerCounts, type WorkerAnswer } from '../../../src/metrics/kept_worker_counts.js';
import { parseExposition } from '../../integration/metrics/scrape.js';

// Prometheus reads any drop of a counter as a restart from zero. A worker missing from a scrape
// (late, wedged, or gone) must not make the cluster's counters drop; its gauges are not kept.

class FakeWorker {
  private readonly registry = new Registry();
  private readonly logins = new Counter({ name: 'fitgate_logins_total', help: 'logins', labelNames: ['outcome'], registers: [this.registry] });
  private readonly duration = new Histogram({ name: 'fitgate_http_request_duration_seconds', help: 'durations', buckets: [0.1, 1], registers: [this.registry] });
  private readonly storeUp = new Gauge({ name: 'fitgate_store_up', help: 'store', aggregator: 'min', registers: [this.registry] });

  constructor(readonly id: number) {
    this.storeUp.set(1);
  }

  count(logins: number): this {
    this.logins.inc({ outcome: 'success' }, logins);
    for (let i = 0; i < logins; i += 1) this.duration.observe(0.05);
    return this;
  }

  async answer(): Promise<WorkerAnswer> {
    return { id: this.id, metrics: JSON.parse(JSON.stringify(await this.registry.getMetricsAsJSON())) as unknown };
  }

  silent(): WorkerAnswer {
    return { id: this.id };
  }
}

async function scrapeOf(kept: KeptWorkerCounts, answers: WorkerAnswer[]) {
  const { fresh, kept: counts } = kept.update(answers);
  const series = parseExposition(await aggregateCluster([], [...fresh, ...counts] as MetricJson[][]).metrics());
  const value = (name: string) => series.filter((each) => each.name === name).reduce((sum, each) => sum + each.value, 0);
  return { reporting: fresh.length, value, has: (name: string) => series.some((each) => each.name === name) };
}

describe('the counts kept of workers missing from a scrape', () => {
  it('count a worker that did not answer as it last answered, and leave its gauges out', async () => {
    const kept = new KeptWorkerCounts();
    const [a, b] = [new FakeWorker(1).count(3), new FakeWorker(2).count(4)];
    const first = await scrapeOf(kept, [await a.answer(), await b.answer()]);
    expect(first.value('fitgate_logins_total')).toBe(7);

    a.count(1);
    const second = await scrapeOf(kept, [await a.answer(), b.silent()]);
    expect(second.reporting).toBe(1);
    expect(second.value('fitgate_logins_total')).toBe(8);
    expect(second.value('fitgate_http_request_duration_seconds_count')).toBe(8);
    // Only the worker that answered says anything about the store now.
    expect(second.value('fitgate_store_up')).toBe(1);

    const neither = await scrapeOf(kept, [a.silent(), b.silent()]);
    expect(neither.reporting).toBe(0);
    expect(neither.value('fitgate_logins_total')).toBe(8);
    expect(neither.has('fitgate_store_up')).toBe(false);
  });

  it('keep the last counts of a worker that is gone, under those of its replacement', async () => {
    const kept = new KeptWorkerCounts();
    const [a, b] = [new FakeWorker(1).count(3), new FakeWorker(2).count(4)];
    await scrapeOf(kept, [await a.answer(), await b.answer()]);

    const replacement = new FakeWorker(3).count(1);
    const after = await scrapeOf(kept, [await a.answer(), await replacement.answer()]);
    expect(after.value('fitgate_logins_total')).toBe(8);
    expect(after.value('fitgate_http_request_duration_seconds_count')).toBe(8);

    // Gone for good is kept for good, and added up with whoever goes next.
    const another = new FakeWorker(4);
    const later = await scrapeOf(kept, [await another.answer(), await replacement.count(2).answer()]);
    expect(later.value('fitgate_logins_total')).toBe(10);
  });

  it('keep nothing of a worker that never answered', async () => {
    const kept = new KeptWorkerCounts();
    const a = new FakeWorker(1).count(2);
    await scrapeOf(kept, [await a.answer(), new FakeWorker(2).silent()]);
    const after = await scrapeOf(kept, [await a.answer()]);
    expect(after.value('fitgate_logins_total')).toBe(2);
  });

  it('take an answer that is not a list of metrics as no answer', async () => {
    const kept = new KeptWorkerCounts();
    const a = new FakeWorker(1).count(2);
    await scrapeOf(kept, [await a.answer()]);
    const garbled = await scrapeOf(kept, [{ id: 1, metrics: { not: 'metrics' } }]);
    expect(garbled.reporting).toBe(0);
    expect(garbled.value('fitgate_logins_total')).toBe(2);
  });
});
