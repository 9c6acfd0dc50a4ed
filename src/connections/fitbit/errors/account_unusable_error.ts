import { UpstreamError, type UpstreamErrorDetails } from '../../oauth2/errors/upstream_error.js';

// What the user must do, from https://developers.google.com/health/troubleshooting. These sentences
// reach the user (a login's access_denied description) and the admin (TRY, the log), so they are
// plain ASCII without quotes, as RFC 6749 §4.1.2.1 allows in error_description.
const NOT_LINKED =
  'This Google Account has no Fitbit data in Google Health yet: Fitbit was never set up with it, or the Fitbit account ' +
  'has not been moved to Google. Open the Fitbit app, sign in with this Google Account and finish the setup (or the ' +
  'move to Google), then sign in here again.';
const LEGACY_ACCOUNT =
  'The consent came from a legacy Fitbit account, not a Google Account. Sign out of the Fitbit app, sign back in with ' +
  'Continue with Google (moving the Fitbit account to Google if the app asks), then sign in here again with that Google Account.';

/**
 * Google signed the user in and the token works, but the Google Health API will not serve this
 * account (kind_of_api_answer.ts says which answers mean it). Nothing in the connection can change
 * that: the message is the user's remedy, and upstreamCode, upstreamReason and upstreamMessage keep
 * what Google said.
 */
export class UpstreamAccountUnusableError extends UpstreamError {
  readonly kind = 'account_unusable';

  constructor(details: UpstreamErrorDetails) {
    super(details.upstreamReason === 'ACCOUNT_NOT_LINKED' ? NOT_LINKED : LEGACY_ACCOUNT, details);
  }
}
