import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { redactUrl } from './redact_url.js';

const REQUEST_ID = /^[\w.-]{1,64}$/;

type RequestWithId = IncomingMessage & { id?: unknown; log?: Logger };
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * One log line per request. Only a short list of headers is logged, so cookies, Authorization and
 * whatever a client invents never reach the log; every logged URL (the request's, the Referer, a
 * redirect's Location) goes through redactUrl, because codes, state and tokens travel in query
 * strings on the OAuth redirects.
 *
 * Above `info` (LOG_LEVEL=warn in production, say) a request line would be dropped anyway, and
 * pino-http still builds a child logger and its request record for every request: a measured 5-8 %
 * of a login's CPU. Then only the request id is kept and the line is written for failed requests
 * alone (5xx or an error), which are the lines that level keeps. `req.log` is then the logger
 * itself, not a child: code that logs through it works at every level, not only where pino-http runs.
 */
export function createHttpLogger(logger: Logger): HttpLogger | Middleware {
  if (!logger.isLevelEnabled('info')) return errorsOnly(logger);
  return pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId: requestId,
    // pino-http hands over its own error only; a failure sent to the client as a redirect (an
    // /authorize or a callback the store failed) is in res.err, and is an error all the same.
    customLogLevel: (_req, res, error) => (error || (res as ServerResponse & { err?: Error }).err || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: { req: serializeRequest, res: serializeResponse },
  });
}

function errorsOnly(logger: Logger): Middleware {
  return (req, res, next) => {
    const started = Date.now();
    (req as RequestWithId).id = requestId(req, res);
    (req as RequestWithId).log = logger;
    const done = (error?: Error): void => {
      res.off('finish', done);
      res.off('close', done);
      res.off('error', done);
      const failure = error ?? (res as ServerResponse & { err?: Error }).err;
      if (!failure && res.statusCode < 500) return;
      // An error when there is one; a 5xx a route answers on purpose has none, and an Error made up
      // here would only log this file's stack. (An expected refusal is no 5xx at all: a dashboard
      // TRY the upstream refused answers with a redirect to its report, try_start_failure.ts.)
      logger.error(
        { req: serializeRequest(req), res: serializeResponse(res), ...(failure && { err: failure }), responseTime: Date.now() - started },
        failure ? 'request errored' : `request failed with status ${res.statusCode}`,
      );
    };
    res.on('finish', done);
    res.on('close', done);
    res.on('error', done);
    next();
  };
}

/** The caller's X-Request-Id when it is a sane token, else a fresh UUID; echoed in the response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers['x-request-id'];
  const id = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

function serializeRequest(req: RequestWithId): Record<string, unknown> {
  const referer = req.headers.referer;
  return {
    id: req.id,
    method: req.method,
    // Express rewrites req.url inside a mounted router; originalUrl is what the client asked for.
    url: redactUrl((req as RequestWithId & { originalUrl?: string }).originalUrl ?? req.url ?? ''),
    host: req.headers.host,
    userAgent: req.headers['user-agent'],
    referer: referer === undefined ? undefined : redactUrl(referer),
    contentType: req.headers['content-type'],
    contentLength: req.headers['content-length'],
    remoteAddress: req.socket?.remoteAddress,
  };
}

function serializeResponse(res: ServerResponse): Record<string, unknown> {
  const location = res.getHeader('location');
  return {
    statusCode: res.statusCode,
    location: typeof location === 'string' ? redactUrl(location) : undefined,
  };
}
