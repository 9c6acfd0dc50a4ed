import { kindOfCode } from './kind_of_code.js';
import { describeAnswer, UpstreamError, type UpstreamErrorDetails, type UpstreamErrorKind } from './upstream_error.js';

/**
 * An OAuth error from the upstream's authorize, token or revoke endpoint, in either shape: Google's
 * RFC 6749 body or Fitbit's `{"errors":[{"errorType","message"}]}`.
 */
export class UpstreamOAuthError extends UpstreamError {
  readonly kind: UpstreamErrorKind;

  constructor(details: UpstreamErrorDetails & { upstreamCode: string }) {
    super(describeAnswer(details), details);
    this.kind = kindOfCode(details.upstreamCode, details.upstreamMessage, details.status);
  }
}
