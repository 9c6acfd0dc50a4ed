import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Registry } from 'prom-client';
import { workersMetrics } from '../../../src/metrics/primary_metrics.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { WORKER_EXIT_REASONS } from '../../../src/cluster/worker_exit_reason.js';

/** The repository's docs/ folder. */
export const DOCS = join(process.cwd(), 'docs');

export function readDoc(path: string): string {
  return readFileSync(join(DOCS, path), 'utf8');
}

// js-yaml is a devDependency for these checks only; fitgate itself needs no YAML.
const yaml = createRequire(import.meta.url)('js-yaml') as { safeLoad(text: string): unknown };

export function parseYaml(text: string): unknown {
  return yaml.safeLoad(text);
}

/** fitgate's metrics as server.ts has them: with a store to watch (which adds fitgate_store_up). */
export function servedMetrics(): PrometheusMetrics {
  const metrics = createPrometheusMetrics();
  metrics.store.watchAvailability(async () => undefined);
  return metrics;
}

/** The figures a cluster primary adds about its workers (FITGATE_WORKERS > 1 only). */
export function primaryWorkersMetrics(): Registry {
  const restarts = Object.fromEntries(WORKER_EXIT_REASONS.map((reason) => [reason, 0]));
  return workersMetrics(2, { serving: 2, starting: 0, restarts }, 2);
}

/** Series Prometheus itself records for every target it scrapes. */
const PROMETHEUS_SERIES = ['up'];

/**
 * Every metric name fitgate exposes, in one process or with workers (Node's defaults included),
 * each with its series suffixes, and Prometheus's own `up`.
 */
export async function exposedSeriesNames(): Promise<Set<string>> {
  const names = new Set<string>(PROMETHEUS_SERIES);
  for (const registry of [servedMetrics().registry, primaryWorkersMetrics()]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    }
  }
  return names;
}

/** The fitgate_, nodejs_ and process_ metric names a PromQL expression reads, and `up` when it reads it. */
export function metricsReadBy(expr: string): string[] {
  return [...expr.matchAll(/\b((?:fitgate|nodejs|process)_[a-z0-9_]+|up(?=\s*\{))/g)].map((match) => match[1]!);
}
