import { kindOfOAuthCode } from './kind_of_oauth_code.js';
import { describeAnswer, UpstreamError, type UpstreamErrorDetails, type UpstreamErrorKind } from './upstream_error.js';

/**
 * An OAuth error from the upstream's authorize, token or revoke endpoint (RFC 6749 §4.1.2.1 and
 * §5.2, RFC 7009 §2.2.1). Its kind is the standard code's (kind_of_oauth_code.ts) unless `kind` is
 * given: a plugin whose upstream answers with codes of its own, or spells the standard ones its own
 * way, reads them itself and says what they mean.
 */
export class UpstreamOAuthError extends UpstreamError {
  readonly kind: UpstreamErrorKind;

  constructor(details: UpstreamErrorDetails & { upstreamCode: string; kind?: UpstreamErrorKind | undefined }) {
    super(describeAnswer(details), details);
    this.kind = details.kind ?? kindOfOAuthCode(details.upstreamCode);
  }
}
