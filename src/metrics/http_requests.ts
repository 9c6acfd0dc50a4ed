import type { Registry } from 'prom-client';
import { labelledCounter, labelledHistogram } from './labelled_metrics.js';
import type { HttpMetrics } from './metrics.js';

/** Seconds: most answers take milliseconds; a login's upstream round trip can take seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** HTTP requests by route pattern, method and status, with their duration. */
export function httpRequests(registry: Registry): HttpMetrics {
  const requests = labelledCounter(registry, 'fitgate_http_requests_total', ['route', 'method', 'status'],
    'Answered HTTP requests by route pattern (never the raw path; "unmatched" when no route matched), method and status.');
  const durations = labelledHistogram(registry, 'fitgate_http_request_duration_seconds', ['route', 'method'], HTTP_BUCKETS,
    'Time from the request to the last byte of the answer, by route pattern and method.');
  return {
    request(route, method, status, durationSeconds) {
      requests.labels(route, method, String(status)).inc();
      durations.labels(route, method).observe(durationSeconds);
    },
  };
}
