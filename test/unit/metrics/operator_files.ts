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

/** Labels Prometheus adds to every series it scrapes (the target's), which an expression may read. */
const TARGET_LABELS = ['instance', 'job'];

/**
 * The label names each exposed series name carries, as exposedSeriesNames names them: the metric's
 * own, the target's, and `le` on a histogram's buckets.
 */
export async function exposedLabels(): Promise<Map<string, Set<string>>> {
  const labels = new Map<string, Set<string>>(PROMETHEUS_SERIES.map((name) => [name, new Set(TARGET_LABELS)]));
  for (const registry of [servedMetrics().registry, primaryWorkersMetrics()]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      const own = (registry.getSingleMetric(metric.name) as unknown as { labelNames?: string[] }).labelNames ?? [];
      const names = new Set([...own, ...TARGET_LABELS]);
      labels.set(metric.name, names);
      if (String(metric.type) === 'histogram') {
        labels.set(`${metric.name}_bucket`, new Set([...names, 'le']));
        for (const suffix of ['_sum', '_count']) labels.set(`${metric.name}${suffix}`, names);
      }
    }
  }
  return labels;
}

/** One label a PromQL expression reads, and the metrics it reads it of. */
export interface LabelRead {
  readonly label: string;
  readonly metrics: string[];
}

/**
 * The labels a PromQL expression reads: each matcher of a selector (of its metric), and each label
 * of a `by (…)` or `without (…)` clause written before its argument (of every metric read in that
 * argument). Grafana's `$variables` are left to Grafana.
 */
export function labelsReadBy(expr: string): LabelRead[] {
  const read: LabelRead[] = [];
  for (const selector of expr.matchAll(/\b([a-z_][a-z0-9_]*)\{([^}]*)\}/g)) {
    for (const [, label] of selector[2]!.matchAll(/([a-z_]+)\s*(?:=~|!~|!=|=)\s*"/g)) read.push({ label: label!, metrics: [selector[1]!] });
  }
  for (const clause of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)\s*\(/g)) {
    const argument = balancedFrom(expr, clause.index + clause[0].length - 1);
    const metrics = metricsReadBy(argument);
    for (const label of clause[1]!.split(',').map((name) => name.trim()).filter(Boolean)) read.push({ label, metrics });
  }
  return read;
}

/** The text between the parenthesis at `open` and the one that closes it. */
function balancedFrom(text: string, open: number): string {
  let depth = 0;
  for (let at = open; at < text.length; at += 1) {
    if (text[at] === '(') depth += 1;
    if (text[at] === ')') depth -= 1;
    if (depth === 0) return text.slice(open + 1, at);
  }
  throw new Error(`unbalanced parentheses from ${open} in ${text}`);
}

/** The label lists of every `by (…)` clause in a PromQL expression. */
export function groupingsOf(expr: string): string[][] {
  return [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].map((clause) => clause[1]!.split(',').map((name) => name.trim()).filter(Boolean));
}
