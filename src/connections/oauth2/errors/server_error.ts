import { describeAnswer, UpstreamError, type UpstreamErrorDetails } from './upstream_error.js';

/** A 5xx from the upstream, with its own code and message when the body carried them. */
export class UpstreamServerError extends UpstreamError {
  readonly kind = 'unavailable';

  constructor(details: UpstreamErrorDetails) {
    super(describeAnswer(details), details);
  }
}
