import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { BadRequestError } from '../errors/index.js';

/**
 * A 400 naming every query parameter the route does not understand, in Auth0's words for unknown
 * properties ("Query validation error: 'Additional properties not allowed: app_typ'."). Ignoring
 * one would answer as if it had not been sent: a misspelt or unsupported filter would hand a script
 * the whole list (every application, for a script that meant to rotate the M2M ones' secrets).
 */
export function refuseUnknownQuery(known: readonly string[]): RequestHandler {
  const understood = new Set(known);
  return (req: Request, _res: Response, next: NextFunction) => {
    const unknown = Object.keys(req.query).filter((name) => !understood.has(name));
    if (unknown.length > 0) {
      throw new BadRequestError(`Query validation error: 'Additional properties not allowed: ${unknown.join(', ')}'.`, 'invalid_query_string');
    }
    next();
  };
}
