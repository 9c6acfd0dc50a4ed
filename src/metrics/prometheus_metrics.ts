import { collectDefaultMetrics, Registry } from 'prom-client';
import { authnCounters } from './authn_counters.js';
import { cachesAndLimits } from './caches_and_limits.js';
import { httpRequests } from './http_requests.js';
import type { Metrics } from './metrics.js';
import { storeOperations } from './store_operations.js';
import { upstreamCalls } from './upstream_calls.js';
import { vaultCounters } from './vault_counters.js';

/** The metrics with the registry that holds them: what /metrics serves (or hands the cluster primary). */
export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
}

/**
 * Every fitgate metric in a registry of its own (never prom-client's global one, so two apps in one
 * test process count apart), plus Node's default process metrics: event-loop lag, heap, GC, handles.
 */
export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { cache, rateLimit } = cachesAndLimits(registry);
  return {
    registry,
    authn: authnCounters(registry),
    upstream: upstreamCalls(registry),
    vault: vaultCounters(registry),
    http: httpRequests(registry),
    store: storeOperations(registry),
    cache,
    rateLimit,
  };
}
