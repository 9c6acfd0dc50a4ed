import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The cluster primary's own Node.js and process figures, added to its workers' (summed, or the
 * worst for the event loop): the primary hands every connection to a worker, so its event loop
 * delays them all, and its memory is the instance's too. Call once per process.
 */
export function primaryProcessMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** What the primary knows of its workers at a scrape (src/cluster/primary.ts, ClusterStatus). */
export interface WorkersStatus {
  readonly serving: number;
  readonly starting: number;
  /** Every reason, 0 included: increase() needs a sample from before the first restart. */
  readonly restarts: Readonly<Record<string, number>>;
}

/**
 * The primary's figures about its workers at one scrape. A registry per scrape: `reporting` is that
 * scrape's own count, and two Prometheus servers scraping at once each get theirs.
 */
export function workersMetrics(expected: number, status: WorkersStatus, reporting: number): Registry {
  const registry = new Registry();
  const workers = new Gauge({
    name: 'fitgate_workers',
    help: 'Worker processes the cluster primary runs now, by state: serving (listening) or starting (forked, not listening yet, or failing to start).',
    labelNames: ['state'],
    registers: [registry],
  });
  workers.set({ state: 'serving' }, status.serving);
  workers.set({ state: 'starting' }, status.starting);
  new Gauge({ name: 'fitgate_workers_expected', help: 'Worker processes the instance is configured to run (FITGATE_WORKERS).', registers: [registry] }).set(expected);
  new Gauge({
    name: 'fitgate_workers_reporting',
    help: "Workers whose own figures are in this scrape: they answered the primary within 2.5 s. Fewer than fitgate_workers_expected: the rest are missing (their counters count as last reported, their gauges are absent).",
    registers: [registry],
  }).set(reporting);
  const restarts = new Counter({
    name: 'fitgate_worker_restarts_total',
    help: 'Workers that stopped unexpectedly and were replaced (or wait to be), by reason: signal, unresponsive (killed by the primary for answering no heartbeat), store_unavailable, crash, clean_exit.',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const [reason, count] of Object.entries(status.restarts)) restarts.inc({ reason }, count);
  return registry;
}
