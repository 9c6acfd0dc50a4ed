import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, InsufficientScopeError, InvalidClientError, InvalidTokenError, ManagementError, NotFoundError } from '../errors/index.js';
import { asStoreUnavailable } from '../store/store_unavailable.js';
import { errorFormatOf } from './error_format.js';
import { errorPageText } from './error_pages.js';
import { fromRequestError } from './request_errors.js';
import { UnknownHostError } from './unknown_host.js';
import type { Views } from './views.js';

const GENERIC_DESCRIPTION = 'The server could not complete the request.';

/** The last route: whatever no router answered. */
export function notFound(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => next(new NotFoundError(`There is no page at ${req.path}.`));
}

/**
 * The one error handler. Endpoint code throws AppErrors; this answers in the route's format (see
 * error_format.ts). Only errors with `expose` show their description; anything else (a bug) is a
 * 500 with a generic message, and its stack goes to the request log only:
 * pino-http logs `res.err` with the request line.
 */
export function errorHandler(views: Views, logger: Pick<Logger, 'error'>): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // A store that is down answers 503 in every format even when the driver's error reaches here
    // unwrapped (the session store, the embedded database's SQLITE_BUSY).
    const appError = error instanceof AppError ? error : (asStoreUnavailable(error) ?? fromRequestError(error));
    const status = appError?.status ?? 500;
    // A driver's error classified here is logged as what it means (the store unavailable, with the
    // driver's message as its cause's), without a stack: only a failure nobody expected keeps one.
    const logged = appError?.expected ? appError : error instanceof Error ? error : new Error(String(error));
    if (status >= 500) res.err = logged;
    if (res.headersSent) return failedAfterAnswering(logged, req, res, logger);

    const code = appError?.code ?? 'server_error';
    const description = appError?.expose ? appError.description : GENERIC_DESCRIPTION;
    res.status(status);
    for (const [name, value] of Object.entries(appError?.headers ?? {})) res.setHeader(name, value);

    const format = errorFormatOf(req, res);
    if (format === 'management') {
      const reason = appError instanceof ManagementError ? appError.reason : (STATUS_CODES[status] ?? 'Error');
      res.json({ statusCode: status, error: reason, message: description, errorCode: code });
      return;
    }
    if (format === 'oauth') {
      const challenge = bearerChallenge(appError, req, code, description);
      if (challenge && !res.hasHeader('WWW-Authenticate')) res.setHeader('WWW-Authenticate', challenge);
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json({ error: code, error_description: description });
      return;
    }
    const text = appError?.pageText ?? errorPageText(status, req.originalUrl.startsWith('/manage') ? 'admin' : 'visitor', code);
    const tenantName = req.context?.tenant.name;
    const unknownHost = appError instanceof UnknownHostError ? appError.hint : undefined;
    views.send(res, 'errors/error', { ...text, status, code, description, requestId: req.id, tenantName, unknownHost }, status);
  };
}

/**
 * An error once the status line is out: express-session's save of a new session, say, fails while
 * the response ends (its store is down). No answer can be sent any more. Express's own handler
 * would print the stack on stderr, outside the log; instead a response still being written is cut
 * (the request line then carries `res.err`), and one already sent gets a log line of its own.
 */
function failedAfterAnswering(error: Error, req: Request, res: Response, logger: Pick<Logger, 'error'>): void {
  if (!res.writableFinished) {
    res.err ??= error;
    res.destroy();
    return;
  }
  // The request line, already written, has the URL (redacted); its id joins the two.
  logger.error({ reqId: req.id, err: error }, 'request failed after its answer was sent');
}

/**
 * RFC 6750 §3: a protected resource (/userinfo) names the Bearer scheme and the error in
 * WWW-Authenticate; RFC 6749 §5.2: invalid_client answers with the scheme the client tried.
 */
function bearerChallenge(error: AppError | undefined, req: Request, code: string, description: string): string | undefined {
  if (error instanceof InvalidTokenError || error instanceof InsufficientScopeError) {
    return `Bearer realm="${quoted(req.context?.tenantUrl ?? 'fitgate')}", error="${code}", error_description="${quoted(description)}"`;
  }
  if (error instanceof InvalidClientError && /^basic /i.test(req.headers.authorization ?? '')) {
    return `Basic realm="${quoted(req.context?.tenantUrl ?? 'fitgate')}"`;
  }
  return undefined;
}

/** RFC 7230 quoted-string content: no quotes, backslashes or control characters. */
function quoted(value: string): string {
  return [...value.replace(/[\\"]/g, "'")].map((char) => (char < ' ' || char === '\u007f' ? ' ' : char)).join('');
}
