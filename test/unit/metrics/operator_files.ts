import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';

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

/** Every metric name fitgate's registry exposes (Node's defaults included), each with its series suffixes. */
export async function exposedSeriesNames(): Promise<Set<string>> {
  const metrics = servedMetrics();
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

/** The fitgate_, nodejs_ and process_ metric names a PromQL expression reads. */
export function metricsReadBy(expr: string): string[] {
  return [...expr.matchAll(/\b((?:fitgate|nodejs|process)_[a-z0-9_]+)\b/g)].map((match) => match[1]!);
}
