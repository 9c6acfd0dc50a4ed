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

  constructor(options?: { cause?: unknown }, description = 'fitgate cannot reach its database right now. Try again in a few seconds.') {
    super(description, options);
    this.withHeader('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
  }

  override get expose(): boolean {
    return true;
  }
}

/**
 * Redis answers but refuses writes because its memory is full under `noeviction` (an "OOM" reply).
 * The same 503 as an unreachable store, worded for what happened: saying "cannot reach" would send
 * an operator to the network while Redis waits for memory.
 */
export class StoreFullError extends StoreUnavailableError {
  constructor(options?: { cause?: unknown }) {
    super(options, 'fitgate cannot save anything right now: Redis is full (maxmemory reached with noeviction). Try again in a few minutes.');
  }
}

/**
 * The store answers but lost fitgate's data while it ran (Redis restarted empty, or flushed), so no
 * tenant is found. A 404 "no tenant here" would be the wrong kind of answer for an application (not
 * "try later") and would send an operator to a dashboard that is gone too: this is the 503 of a store
 * that cannot serve, worded with readiness's own description of the cause and its remedy
 * (`state`, e.g. "empty: Redis lost fitgate's data (…); restore it or …", its label dropped).
 */
export class StoreDataLostError extends StoreUnavailableError {
  constructor(state: string) {
    super(undefined, `fitgate cannot serve right now: ${state.replace(/^[a-z -]+: /, '')}.`);
  }
}
