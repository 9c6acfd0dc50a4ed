import type { Request } from 'express';
import type { LogEventInput } from '../domain/log_events.js';

/** What Auth0's log events record of the request behind them. */
export type RequestLogFacts = Pick<LogEventInput, 'hostname' | 'ip' | 'userAgent'>;

/**
 * The host a request came to, its client address and user agent, for every event a request records
 * (a login's, a TRY's, a Management API call's, a dashboard change's), so that all of them say it alike.
 */
export function requestLogFacts(req: Request): RequestLogFacts {
  const userAgent = req.get('user-agent');
  return {
    hostname: req.hostname,
    ...(req.ip === undefined ? {} : { ip: req.ip }),
    ...(userAgent === undefined || userAgent === '' ? {} : { userAgent }),
  };
}
