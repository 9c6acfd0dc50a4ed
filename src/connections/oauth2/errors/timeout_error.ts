import { UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** The upstream did not answer within the configured bound. */
export class UpstreamTimeoutError extends UpstreamError {
  readonly kind = 'timeout';
  readonly timeoutMs: number;

  constructor(details: UpstreamErrorDetails & { timeoutMs: number }) {
    super(`Upstream ${details.operation} call got no answer within ${details.timeoutMs} ms`, details);
    this.timeoutMs = details.timeoutMs;
  }
}
