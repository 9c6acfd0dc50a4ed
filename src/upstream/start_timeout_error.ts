import { AppError, STORE_RETRY_AFTER_SECONDS } from '../errors/index.js';

/**
 * Sending the browser upstream did not finish within its deadline. The strategy contacts no upstream
 * then: it keeps the round trip in fitgate's store and builds the authorize URL, so the time was lost
 * in fitgate (its store hanging), never at the upstream. fitgate's own failure, answered as a store
 * that is down is: a retryable 503 (temporarily_unavailable) that blames no upstream, and no plugin
 * failure (it has no `kind`), so a login does not tell the client the upstream was slow and TRY
 * logs no failed TRY.
 */
export class RoundTripStartTimeoutError extends AppError {
  readonly status = 503;
  readonly code = 'temporarily_unavailable';

  constructor(readonly deadlineMs: number) {
    super(`fitgate could not start the login within ${Math.round(deadlineMs / 1000)} s. Try again in a few seconds.`);
    this.withHeader('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
  }

  override get expose(): boolean {
    return true;
  }
}
