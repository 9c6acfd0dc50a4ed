import { UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** A body that is not JSON, not the documented shape, or lacks a field the protocol requires. */
export class UpstreamBadResponseError extends UpstreamError {
  readonly kind = 'bad_response';

  constructor(details: UpstreamErrorDetails & { problem: string }) {
    const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
    super(`Upstream ${details.operation} call returned an unreadable answer${status}: ${details.problem}`, details);
  }
}
