import { UpstreamError, type UpstreamErrorDetails } from '../../oauth2/errors/upstream_error.js';

/**
 * 410 Gone: the legacy Fitbit Web API and its OAuth endpoints were turned off on 2026-11-02
 * (https://developers.google.com/health/about). Nothing but a switch to Google Health helps.
 */
export class UpstreamGoneError extends UpstreamError {
  readonly kind = 'gone';

  constructor(details: UpstreamErrorDetails) {
    super(
      `The legacy Fitbit Web API is shut down (${answered(details)}). ` +
        "Switch this connection's API to google-health and register a Google Cloud OAuth client; " +
        'every user signs in again once, since Fitbit tokens cannot be carried over.',
      details,
    );
  }
}

/** Without a status the call was not made: the endpoint is known to be off (see isRetiredAuthorization). */
function answered(details: UpstreamErrorDetails): string {
  return details.status === undefined
    ? `its ${details.operation} endpoint answers 410 Gone since 2026-11-02`
    : `HTTP ${details.status} Gone from the ${details.operation} call`;
}
