import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError } from '../errors/index.js';
import { callerOf } from './caller.js';
import type { ManagementRoute } from './route.js';

/** 403 insufficient_scope naming the scopes that would do, in Auth0's words. */
export function requireScope(route: Pick<ManagementRoute, 'scopes'>): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const { scopes } = callerOf(res);
    if (!route.scopes.some((scope) => scopes.has(scope))) {
      throw new ForbiddenError(`Insufficient scope, expected any of: ${route.scopes.join(',')}`, 'insufficient_scope');
    }
    next();
  };
}
