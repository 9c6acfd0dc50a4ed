import { UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/**
 * 410 Gone: the legacy Fitbit Web API and its OAuth endpoints were turned off on 2026-11-02
 * (https://developers.google.com/health/about). Nothing but a switch to Google Health helps.
 */
export class UpstreamGoneError extends UpstreamError {
  readonly kind = 'gone';

  constructor(details: UpstreamErrorDetails) {
    super(
      `The legacy Fitbit Web API is shut down (HTTP 410 Gone from the ${details.operation} call). ` +
        "Switch this connection's API to google-health and register a Google Cloud OAuth client; " +
        'every user signs in again once, since Fitbit tokens cannot be carried over.',
      details,
    );
  }
}
