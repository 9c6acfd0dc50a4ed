import type { ErrorRequestHandler, Response } from 'express';
import { AuthorizePageError, UpstreamError, applyHeaders } from './errors.js';
import { renderErrorPage } from './views/error_page.js';
import { PAGE_CSP } from './views/html.js';

/**
 * How each upstream shapes its errors:
 * - fitbit: `{"errors":[{"errorType","message"}],"success":false}` on every api.fitbit.com endpoint;
 * - google-oauth: RFC 6749 `{"error","error_description"}` on oauth2.googleapis.com;
 * - google-api: `{"error":{"code","message","status"}}` on the Google APIs, with `details` when the
 *   error names a reason (https://cloud.google.com/apis/design/errors).
 */
export type ErrorStyle = 'fitbit' | 'google-oauth' | 'google-api';

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  410: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function googleStatusWord(status: number): string {
  return GOOGLE_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

export function sendUpstreamError(res: Response, style: ErrorStyle, error: UpstreamError): void {
  applyHeaders(res, error.headers);
  res.status(error.status);
  if (style === 'fitbit') {
    const fieldName = error.fieldName === undefined ? {} : { fieldName: error.fieldName };
    res.json({ errors: [{ errorType: error.code, ...fieldName, message: error.message }], success: false });
  } else if (style === 'google-oauth') {
    res.json({ error: error.code, error_description: error.message });
  } else {
    const details = error.details === undefined ? {} : { details: error.details };
    res.json({ error: { code: error.status, message: error.message, status: error.googleStatus ?? googleStatusWord(error.status), ...details } });
  }
}

/**
 * Last handler of each host's router. Unknown errors become a bare 500 in the upstream's shape; a
 * body the parser rejected becomes that upstream's 400. Nothing internal reaches the response.
 */
export function upstreamErrorHandler(style: ErrorStyle, upstreamName: string): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof AuthorizePageError) {
      res.setHeader('Content-Security-Policy', PAGE_CSP);
      res.status(error.status).type('html').send(renderErrorPage(upstreamName, error.code, error.message));
      return;
    }
    sendUpstreamError(res, style, toUpstreamError(error, style));
  };
}

function toUpstreamError(error: unknown, style: ErrorStyle): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = style === 'fitbit' ? 'validation' : style === 'google-oauth' ? 'invalid_request' : googleStatusWord(400);
    return new UpstreamError(400, code, 'The request body could not be parsed.');
  }
  const code = style === 'fitbit' ? 'system' : style === 'google-oauth' ? 'server_error' : 'INTERNAL';
  return new UpstreamError(500, code, 'Internal error.');
}
