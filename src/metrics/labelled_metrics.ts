import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** A counter registered in `registry`, counted by the given labels. */
export function labelledCounter<L extends string>(
  registry: Registry,
  name: string,
  labelNames: readonly L[],
  help: string,
): Counter<L> {
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/** A gauge registered in `registry`, set by the given labels. */
export function labelledGauge<L extends string>(
  registry: Registry,
  name: string,
  labelNames: readonly L[],
  help: string,
): Gauge<L> {
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

/** A histogram registered in `registry` with its buckets, observed by the given labels. */
export function labelledHistogram<L extends string>(
  registry: Registry,
  name: string,
  labelNames: readonly L[],
  buckets: number[],
  help: string,
): Histogram<L> {
  return new Histogram({ name, help, labelNames, buckets, registers: [registry] });
}
