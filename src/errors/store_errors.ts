import { AppError } from './app_error.js';

/** Seconds a client is asked to wait before retrying while the store is out (Retry-After). */
export const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * The store (Redis, or the SQLite file held by another process) did not answer in time. Every
 * format answers it as a 503 the caller can act on: OAuth's `temporarily_unavailable`, the
 * Management API's Auth0 shape, a "try again" page. The description is fixed and safe to show; the
 * cause (address, driver message) goes to the log only.
 */
export class StoreUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'temporarily_unavailable';

  constructor(options?: { cause?: unknown }) {
    super('fitgate cannot reach its database right now. Try again in a few seconds.', options);
    this.withHeader('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
  }

  override get expose(): boolean {
    return true;
  }
}
