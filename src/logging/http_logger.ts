import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { redactUrl } from './redact_url.js';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * One log line per request. Only a short list of headers is logged, so cookies, Authorization and
 * whatever a client invents never reach the log; every logged URL (the request's, the Referer, a
 * redirect's Location) goes through redactUrl, because codes, state and tokens travel in query
 * strings on the OAuth redirects.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId: (req, res) => {
      const offered = req.headers['x-request-id'];
      const id = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: { req: serializeRequest, res: serializeResponse },
  });
}

function serializeRequest(req: IncomingMessage & { id?: unknown }): Record<string, unknown> {
  const referer = req.headers.referer;
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.url ?? ''),
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
