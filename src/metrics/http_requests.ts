import { Counter, Histogram, type Registry } from 'prom-client';
import type { HttpMetrics } from './metrics.js';

/** HTTP requests by route pattern, method and status, with their duration. */
export function httpRequests(registry: Registry): HttpMetrics {
  const requests = new Counter({
    name: 'fitgate_http_requests_total',
    help: 'Answered HTTP requests by route pattern (never the raw path; "unmatched" when no route matched), method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'fitgate_http_request_duration_seconds',
    help: 'Time from the request to the last byte of the answer, by route pattern and method.',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    request(route, method, status, durationSeconds) {
      requests.labels(route, method, String(status)).inc();
      durations.labels(route, method).observe(durationSeconds);
    },
  };
}
