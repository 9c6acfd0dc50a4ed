import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { HttpMetrics } from '../metrics/metrics.js';
import { RoutePatterns } from './route_patterns.js';

const STARTED = Symbol('fitgate.requestStarted');

type TimedResponse = Response & { [STARTED]?: number };

/**
 * Counts every answered request by route pattern, method and status, and observes its duration.
 * Mounted first, so refusals by later middleware count too. Per request: one clock read stored on
 * the response, one shared listener (no closure), one label lookup at the end.
 */
export function requestMetrics(app: Express, metrics: HttpMetrics): RequestHandler {
  const routes = new RoutePatterns(app);
  function finished(this: TimedResponse): void {
    const started = this[STARTED];
    if (started === undefined) return;
    const req = this.req;
    metrics.request(routes.of(req), req.method, this.statusCode, (performance.now() - started) / 1000);
  }
  return (_req: Request, res: Response, next: NextFunction) => {
    (res as TimedResponse)[STARTED] = performance.now();
    res.once('finish', finished);
    next();
  };
}
