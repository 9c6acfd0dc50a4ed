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
 *
 * Health probes (/health/*) are logged at debug: a load balancer probes every few seconds, and a
 * /health/ready 503 during a store outage is the probe's answer, not a failed request (the outage
 * has its own lines). A 5xx a route answers on purpose carries no `err`: pino-http would make one
 * up ("failed with status code 503") with a stack of its own internals.
 */
export function createHttpLogger(logger: Logger): HttpLogger | Middleware {
  if (!logger.isLevelEnabled('info')) return errorsOnly(logger);
  return pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId: requestId,
    // pino-http hands over its own error only; a failure sent to the client as a redirect (an
    // /authorize or a callback the store failed) is in res.err, and is an error all the same.
    customLogLevel: (req, res, error) => levelOf(req, res, error ?? failureOf(res)),
    // For a 5xx without an error pino-http passes one it made up; the line keeps only the real ones.
    customErrorObject: (_req, res, error, line: Record<string, unknown>) => (isMadeUp(res, error) ? withoutError(line) : line),
    customErrorMessage: (_req, res, error) => (isMadeUp(res, error) ? failedWithStatus(res) : 'request errored'),
    serializers: { req: serializeRequest, res: serializeResponse },
  });
}

function levelOf(req: IncomingMessage, res: ServerResponse, failure: Error | undefined): 'error' | 'info' | 'debug' {
  if (failure) return 'error';
  if (isHealthProbe(req)) return 'debug';
  return res.statusCode >= 500 ? 'error' : 'info';
}

function failureOf(res: ServerResponse): Error | undefined {
  return (res as ServerResponse & { err?: Error }).err;
}

/** pino-http's stand-in for a 5xx no code failed with (pino-http/logger.js, onResFinished). */
function isMadeUp(res: ServerResponse, error: Error): boolean {
  return failureOf(res) === undefined && error.message === `failed with status code ${res.statusCode}`;
}

function withoutError({ err: _madeUp, ...line }: Record<string, unknown>): Record<string, unknown> {
  return line;
}

function failedWithStatus(res: ServerResponse): string {
  return `request failed with status ${res.statusCode}`;
}

function isHealthProbe(req: IncomingMessage): boolean {
  return requestedUrl(req).startsWith('/health/');
}

/** Express rewrites req.url inside a mounted router; originalUrl is what the client asked for. */
function requestedUrl(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
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
      const failure = error ?? failureOf(res);
      if (!failure && (res.statusCode < 500 || isHealthProbe(req))) return;
      // An error when there is one; a 5xx a route answers on purpose has none, and an Error made up
      // here would only log this file's stack. (An expected refusal is no 5xx at all: a dashboard
      // TRY the upstream refused answers with a redirect to its report, try_start_failure.ts.)
      logger.error(
        { req: serializeRequest(req), res: serializeResponse(res), ...(failure && { err: failure }), responseTime: Date.now() - started },
        failure ? 'request errored' : failedWithStatus(res),
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
    url: redactUrl(requestedUrl(req)),
    host: req.headers.host,
    userAgent: req.headers['user-agent'],
    referer: referer === undefined ? undefined : redactUrl(referer),
    contentType: req.headers['content-type'],
    contentLength: req.headers['content-length'],
    // The client as Express sees it: behind a proxy FITGATE_TRUST_PROXY names, the address the
    // proxy forwarded (what rate limits count by); `peer` is the socket's, the proxy's own address.
    ip: (req as RequestWithId & { ip?: string }).ip,
    peer: req.socket?.remoteAddress,
  };
}

function serializeResponse(res: ServerResponse): Record<string, unknown> {
  const location = res.getHeader('location');
  return {
    statusCode: res.statusCode,
    location: typeof location === 'string' ? redactUrl(location) : undefined,
  };
}
