import type { Response } from 'express';

/**
 * An error an upstream would answer, carried as data (status, code, message) until the router
 * that caught it renders it in its own upstream's shape: see renderers.ts.
 */
export class UpstreamError extends Error {
  readonly headers: Record<string, string>;
  /** Fitbit names the offending parameter of a validation error. */
  fieldName: string | undefined;
  /** Google APIs: the status word, when not the one the HTTP status implies (400 FAILED_PRECONDITION). */
  googleStatus: string | undefined;
  /** Google APIs: `error.details` (google.rpc.ErrorInfo, google.rpc.Help), when the answer has any. */
  details: readonly Record<string, unknown>[] | undefined;

  constructor(
    readonly status: number,
    /** Fitbit's errorType, Google's OAuth `error`, or the status word of a Google API error. */
    readonly code: string,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'UpstreamError';
    this.headers = headers;
  }
}

/**
 * An authorize-time problem the upstream shows on its own page instead of redirecting back to the
 * application, because the client or its redirect_uri cannot be trusted (Fitbit: "These error
 * messages will appear on the web form while authorizing consent", at the authorize URL; Google:
 * "Error 400: redirect_uri_mismatch", on the error page it redirects to).
 */
export class AuthorizePageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'AuthorizePageError';
  }
}

/** A body the emulator could not parse or a route it does not serve, per upstream style. */
export function notFound(message = 'The requested resource was not found.'): UpstreamError {
  return new UpstreamError(404, 'not_found', message);
}

export function applyHeaders(res: Response, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
