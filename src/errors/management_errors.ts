import { AppError } from './app_error.js';

/**
 * Management API errors. The JSON body is Auth0's: {statusCode, error, message, errorCode}, where
 * `error` is the HTTP reason phrase and `errorCode` the machine-readable code.
 */
export abstract class ManagementError extends AppError {
  abstract readonly reason: string;
}

export class BadRequestError extends ManagementError {
  readonly status = 400;
  readonly reason = 'Bad Request';
  readonly code: string;
  constructor(message: string, code = 'invalid_body') {
    super(message);
    this.code = code;
  }
}

export class UnauthorizedError extends ManagementError {
  readonly status = 401;
  readonly reason = 'Unauthorized';
  readonly code: string;
  constructor(message: string, code = 'invalid_token') {
    super(message);
    this.code = code;
  }
}

export class ForbiddenError extends ManagementError {
  readonly status = 403;
  readonly reason = 'Forbidden';
  readonly code: string;
  constructor(message: string, code = 'insufficient_scope') {
    super(message);
    this.code = code;
  }
}

export class ResourceNotFoundError extends ManagementError {
  readonly status = 404;
  readonly reason = 'Not Found';
  readonly code: string;
  constructor(message: string, code = 'inexistent_resource') {
    super(message);
    this.code = code;
  }
}

/** `Code` is the errorCode, kept as its literal so that a mapping's answers can be typed by them. */
export class ConflictError<Code extends string = string> extends ManagementError {
  readonly status = 409;
  readonly reason = 'Conflict';
  readonly code: Code;
  constructor(message: string, code: Code) {
    super(message);
    this.code = code;
  }
}

export class TooManyRequestsError extends ManagementError {
  readonly status = 429;
  readonly reason = 'Too Many Requests';
  readonly code = 'too_many_requests';
  /** The whole seconds its Retry-After says (at least 1), for an answer that carries them elsewhere. */
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
    this.withHeader('Retry-After', String(this.retryAfterSeconds));
  }
}

/** The upstream cannot serve the request now (its own 5xx, timeout or 410). */
export class UpstreamUnavailableError extends ManagementError {
  readonly status = 503;
  readonly reason = 'Service Unavailable';
  readonly code = 'upstream_unavailable';
  override get expose(): boolean {
    return true;
  }
}
