import { AggregatorRegistry, type Aggregator, type Registry } from 'prom-client';

/** One metric as a registry's getMetricsAsJSON() gives it: what a worker sends the primary. */
export type MetricJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>[number];

/**
 * How the primary combines a figure over its processes where prom-client's own choice would
 * mislead. The event loop's lag and its percentiles are the worst process's, not an average: one
 * worker stuck at 1 s among four would read as 250 ms, and every request that worker takes waits
 * the full second (its minimum stays the lowest, its maximum the highest). A file-descriptor limit
 * is one process's, not a sum of limits. Everything else is prom-client's choice: counters,
 * histograms, memory, handles and open descriptors are summed; nodejs_version_info is the first.
 */
const AGGREGATORS: Readonly<Record<string, Aggregator>> = {
  nodejs_eventloop_lag_seconds: 'max',
  nodejs_eventloop_lag_mean_seconds: 'max',
  nodejs_eventloop_lag_stddev_seconds: 'max',
  nodejs_eventloop_lag_p50_seconds: 'max',
  nodejs_eventloop_lag_p90_seconds: 'max',
  nodejs_eventloop_lag_p99_seconds: 'max',
  process_max_fds: 'max',
};

/**
 * Figures only the primary's count: its start is the instance's (prom-client omits every process's
 * start time from a cluster sum, which left none at all).
 */
const PRIMARY_ONLY: ReadonlyMap<string, Aggregator> = new Map([['process_start_time_seconds', 'first']]);

/** The primary's figures and its workers' combined into one registry to serve. */
export function aggregateCluster(primary: readonly MetricJson[], workers: readonly (readonly MetricJson[])[]): Registry {
  const own = primary.map((metric) => ({ ...metric, aggregator: PRIMARY_ONLY.get(metric.name) ?? aggregatorOf(metric) }));
  const theirs = workers.map((metrics) =>
    metrics.filter((metric) => !PRIMARY_ONLY.has(metric.name)).map((metric) => ({ ...metric, aggregator: aggregatorOf(metric) })),
  );
  return AggregatorRegistry.aggregate([own, ...theirs]);
}

/** prom-client's aggregate() throws on a metric without one; its own documented default is the sum. */
function aggregatorOf(metric: MetricJson): Aggregator {
  return AGGREGATORS[metric.name] ?? metric.aggregator ?? 'sum';
}

/** Counters and histograms only: the figures that never go down while a process runs. */
export function countsOf(metrics: readonly MetricJson[]): MetricJson[] {
  return metrics.filter((metric) => String(metric.type) === 'counter' || String(metric.type) === 'histogram');
}

/**
 * Counts summed series by series (same name, same labels), for workers that are gone. A count the
 * scrape combines as the highest (fitgate_store_connections_lost_total) is kept as the highest: a
 * sum would jump when a second worker goes, and read as an increase nothing counted.
 */
export function sumCounts(lists: readonly (readonly MetricJson[])[]): MetricJson[] {
  const metrics = new Map<string, MetricJson>();
  const series = new Map<string, MetricJson['values'][number]>();
  for (const metric of lists.flat()) {
    let total = metrics.get(metric.name);
    if (!total) {
      total = { ...metric, values: [] };
      metrics.set(metric.name, total);
    }
    for (const value of metric.values) {
      const key = JSON.stringify([(value as { metricName?: string }).metricName ?? metric.name, Object.entries(value.labels).sort()]);
      const seen = series.get(key);
      if (seen) seen.value = aggregatorOf(metric) === 'max' ? Math.max(seen.value, value.value) : seen.value + value.value;
      else {
        const copy = { ...value };
        series.set(key, copy);
        total.values.push(copy);
      }
    }
  }
  return [...metrics.values()];
}

/** A worker's answer, when it has the shape of getMetricsAsJSON()'s; it came over IPC as `unknown`. */
export function asMetricJson(answer: unknown): MetricJson[] | undefined {
  if (!Array.isArray(answer)) return undefined;
  const wellFormed = answer.every(
    (metric: Partial<MetricJson> | null) => typeof metric?.name === 'string' && typeof metric.help === 'string' && Array.isArray(metric.values),
  );
  return wellFormed ? (answer as MetricJson[]) : undefined;
}
