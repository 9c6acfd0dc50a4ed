import type { Registry } from 'prom-client';
import { labelledCounter, labelledHistogram } from './labelled_metrics.js';
import type { UpstreamCallObserver, UpstreamMetrics } from './metrics.js';

/** Seconds: an upstream call takes tens of milliseconds when well, up to its timeout (10 s) when not. */
const UPSTREAM_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Every HTTP call a connection plugin makes upstream, by operation, result kind and status. */
export function upstreamCalls(registry: Registry): UpstreamMetrics {
  const calls = labelledCounter(registry, 'fitgate_upstream_requests_total', ['tenant', 'connection', 'operation', 'result', 'status'],
    'HTTP calls of connection plugins to their upstreams, by operation, result ("ok" or the error kind) and HTTP status ("none" when no answer came).');
  const durations = labelledHistogram(registry, 'fitgate_upstream_request_duration_seconds', ['operation'], UPSTREAM_BUCKETS,
    'Duration of upstream HTTP calls, body included, by operation.');
  const observers = new Map<string, UpstreamCallObserver>();
  return {
    observerFor(tenant, connection) {
      const key = `${tenant}\u0000${connection}`;
      let observer = observers.get(key);
      if (!observer) {
        observer = (call) => {
          const status = call.status === undefined ? 'none' : String(call.status);
          calls.labels(tenant, connection, call.operation, call.errorKind ?? 'ok', status).inc();
          durations.labels(call.operation).observe(call.durationMs / 1000);
        };
        observers.set(key, observer);
      }
      return observer;
    },
  };
}
