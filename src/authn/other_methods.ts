import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MethodNotAllowedError } from '../errors/index.js';

/**
 * The last handler of a back-channel path: any method its routes did not take is a 405 naming the
 * ones they do, in the endpoint's own error format. Falling through would answer "There is no page
 * at /oauth/token", which sends a developer looking for an endpoint that exists.
 */
export function refuseOtherMethods(allowed: readonly string[]): RequestHandler {
  // Express answers HEAD wherever GET is routed, and the CORS handlers (openCors,
  // clientOriginCors) answer every preflight OPTIONS.
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  return (req: Request, _res: Response, next: NextFunction) => {
    next(new MethodNotAllowedError(`${req.path} takes ${allowed.join(' or ')} only.`).withHeader('Allow', allow));
  };
}
