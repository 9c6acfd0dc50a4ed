import { Counter, Gauge, type Registry } from 'prom-client';
import { labelledCounter, labelledHistogram } from './labelled_metrics.js';
import type { StoreMetrics } from './metrics.js';

/** Seconds: an embedded read takes microseconds, a Redis round trip about a millisecond. */
const STORE_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * How long a scrape waits for the store's answer before calling it unavailable: as long as /health/ready
 * does (READY_TIMEOUT_MS), and well inside the bound a cluster primary gives each worker to answer.
 */
const PING_TIMEOUT_MS = 1_500;

/** Store operations by repository and method, their failures, whether the store answers, and lost Redis connections. */
export function storeOperations(registry: Registry): StoreMetrics {
  const durations = labelledHistogram(registry, 'fitgate_store_operation_duration_seconds', ['repository', 'operation'], STORE_BUCKETS,
    'Duration of store operations (SQLite or Redis) by repository and operation; its _count is the number of operations.');
  const errors = labelledCounter(registry, 'fitgate_store_operation_errors_total', ['repository', 'operation'],
    'Store operations that failed (threw), by repository and operation.');
  // Each worker has a connection of its own, and one Redis restart drops them all: with workers the
  // primary serves the most any one of them lost, so an alert reads flaps of Redis, not of workers.
  const lost = new Counter({
    name: 'fitgate_store_connections_lost_total',
    help: "Times this process's Redis connection was lost after it had served (dropped by Redis or the network, or cut for not answering), once per loss however many reconnection attempts follow; never on the embedded store. With workers: the most any one worker lost.",
    registers: [registry],
    aggregator: 'max',
  });
  let ping: (() => Promise<void>) | undefined;
  return {
    connectionLost: () => lost.inc(),
    recorderFor(repository, operation) {
      const duration = durations.labels(repository, operation);
      const failure = errors.labels(repository, operation);
      return (seconds, failed) => {
        duration.observe(seconds);
        if (failed) failure.inc();
      };
    },
    // Registered only once there is a store to ask, so a process without one reports no false 0.
    watchAvailability(storePing) {
      const first = ping === undefined;
      ping = storePing;
      if (!first) return;
      new Gauge({
        name: 'fitgate_store_up',
        help: "Whether the store could serve at scrape time (1): it answered within 1.5 s and, on Redis, still holds fitgate's data and accepts writes; 0 otherwise. With workers: the lowest of the workers that answered the scrape.",
        registers: [registry],
        aggregator: 'min',
        async collect() {
          if (ping) this.set((await answersWithin(ping, PING_TIMEOUT_MS)) ? 1 : 0);
        },
      });
    },
  };
}

async function answersWithin(ping: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
