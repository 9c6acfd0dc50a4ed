import { kindOfApiAnswer } from './kind_of_api_answer.js';
import { describeAnswer, UpstreamError, type UpstreamErrorDetails, type UpstreamErrorKind } from '../../oauth2/errors/upstream_error.js';

/**
 * An error from a resource endpoint (profile.json, users/me/identity, userinfo): Fitbit's `errors`
 * array or Google's `{"error":{"code","message","status","details"}}`.
 */
export class UpstreamApiError extends UpstreamError {
  readonly kind: UpstreamErrorKind;

  constructor(details: UpstreamErrorDetails & { upstreamCode: string }) {
    super(describeAnswer(details), details);
    this.kind = kindOfApiAnswer(details);
  }
}
