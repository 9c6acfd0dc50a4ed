import { asMetricJson, countsOf, sumCounts, type MetricJson } from './cluster_aggregation.js';

/** One worker alive at a scrape, with its figures when it answered in time. */
export interface WorkerAnswer {
  readonly id: number;
  readonly metrics?: unknown;
}

/** The figures of one scrape: fresh ones from the workers that answered, kept counts for the rest. */
export interface ScrapedWorkers {
  readonly fresh: MetricJson[][];
  readonly kept: MetricJson[][];
}

/**
 * Keeps the counters of the cluster from going down when a worker is missing from a scrape.
 * Prometheus reads any drop of a counter as a restart from zero and counts the whole new value as
 * an increase: a worker left out of one scrape (late, wedged) or gone for good (killed, replaced)
 * would show as a burst of everything the other workers ever counted, in every rate() and alert.
 *
 * So each worker's last counters and histograms are kept: a worker that answers nothing this time
 * is counted as it last answered, and one that is gone adds its last counts to those of the workers
 * gone before it, for as long as the primary runs. Gauges are never kept: a figure of now (the
 * store's state, the event loop) is only ever what a worker said now. What a worker counted after
 * its last scrape is lost with it.
 */
export class KeptWorkerCounts {
  private readonly last = new Map<number, MetricJson[]>();
  private gone: MetricJson[] = [];

  /** Synchronous, so concurrent scrapes never retire one worker twice. */
  update(answers: readonly WorkerAnswer[]): ScrapedWorkers {
    const alive = new Set(answers.map((answer) => answer.id));
    const leaving = [...this.last].filter(([id]) => !alive.has(id));
    if (leaving.length > 0) {
      this.gone = sumCounts([this.gone, ...leaving.map(([, counts]) => counts)]);
      for (const [id] of leaving) this.last.delete(id);
    }
    const fresh: MetricJson[][] = [];
    const kept: MetricJson[][] = [];
    for (const answer of answers) {
      const metrics = asMetricJson(answer.metrics);
      if (metrics) {
        fresh.push(metrics);
        this.last.set(answer.id, countsOf(metrics));
      } else {
        const last = this.last.get(answer.id);
        if (last) kept.push(last);
      }
    }
    if (this.gone.length > 0) kept.push(this.gone);
    return { fresh, kept };
  }
}
