import { UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** No HTTP answer at all: DNS failure, connection refused or reset mid-response. */
export class UpstreamNetworkError extends UpstreamError {
  readonly kind = 'unavailable';

  constructor(details: UpstreamErrorDetails & { reason: string }) {
    super(`Upstream ${details.operation} call could not reach the upstream: ${details.reason}`, details);
  }
}
