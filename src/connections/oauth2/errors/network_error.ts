import { UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** No HTTP answer at all: DNS failure, connection refused or reset mid-response, a TLS handshake that failed. */
export class UpstreamNetworkError extends UpstreamError {
  readonly kind = 'unavailable';

  /**
   * `code`: the socket error's (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT), when it has one; `reason`
   * what else it said, when it has none.
   */
  constructor(details: UpstreamErrorDetails & { code?: string | undefined; reason: string }) {
    super(`Upstream ${details.operation} call could not reach the upstream: ${details.reason}`, details);
    // The base redacts its message as an upstream's words; Node's code is none, though some are as
    // long as a token (UNABLE_TO_VERIFY_LEAF_SIGNATURE), and it is what tells the admin which failure this was.
    if (details.code !== undefined) this.message = `Upstream ${details.operation} call could not reach the upstream: ${details.code}`;
  }
}
