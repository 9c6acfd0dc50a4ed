/**
 * Base of every error fitgate throws on purpose. Endpoint code throws; the one error handler turns it
 * into a page for people or JSON for programs. `expose` is false for 5xx so that internals never
 * reach a response: the client sees a generic description and the log keeps the rest.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  /** Machine-readable code: an RFC 6749 error for OAuth endpoints, Auth0's errorCode for /api/v2. */
  abstract readonly code: string;
  /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
  headers: Record<string, string> = {};

  constructor(
    readonly description: string,
    options?: { cause?: unknown },
  ) {
    super(description, options);
    this.name = new.target.name;
  }

  get expose(): boolean {
    return this.status < 500;
  }

  /**
   * Whether this is a condition fitgate expects in operation and has named (a refusal, the store out
   * of reach or full, a busy record, an upstream down) rather than a failure inside fitgate (a 500).
   * The log keeps an expected error's class and message and leaves out its stack, which says only
   * where it was noticed (src/logging/error_serializer.ts): an outage then logs lines of the usual size.
   */
  get expected(): boolean {
    return this.status !== 500;
  }

  /**
   * A person's page for this error, when the general heading and advice for its status
   * (http/error_pages.ts) would mislead: a 400's "tell its developer" for a login that merely
   * expired, say. Undefined: the status decides.
   */
  get pageText(): { title: string; advice: string } | undefined {
    return undefined;
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}

/**
 * Whether `error` refuses the request itself (a 4xx fitgate chose), as opposed to a failure on
 * fitgate's side that the same request, sent again, may get past (its store out: a 503).
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof AppError && error.status < 500;
}

/** A page that does not exist, or a tenant host nobody registered. */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}

/** Too many attempts (admin sign-in, token endpoint); carries Retry-After. */
export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  constructor(description: string, retryAfterSeconds: number) {
    super(description);
    this.withHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  }
}
