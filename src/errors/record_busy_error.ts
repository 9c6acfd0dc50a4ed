import { AppError } from './app_error.js';

/** Seconds a caller is asked to wait after a write to one busy record gave up (Retry-After). */
export const BUSY_RECORD_RETRY_AFTER_SECONDS = 1;

/**
 * A write to one record kept finding it changed by other writes (many logins of one account at
 * once, across processes) until its retries ran out. Nothing was written, and the same request sent
 * again a moment later succeeds, so every format answers a retryable 503: OAuth's
 * `temporarily_unavailable`, the Management API's Auth0 shape, a "try again" page.
 */
export class RecordBusyError extends AppError {
  readonly status = 503;
  readonly code = 'temporarily_unavailable';

  constructor(options?: { cause?: unknown }) {
    super('Too many changes to the same account arrived at once. Try again in a moment.', options);
    this.withHeader('Retry-After', String(BUSY_RECORD_RETRY_AFTER_SECONDS));
  }

  override get expose(): boolean {
    return true;
  }
}
