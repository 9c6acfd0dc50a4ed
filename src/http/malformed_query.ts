import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RequestRejectedError, escapesSpellUtf8 } from './request_errors.js';

/**
 * A query string with a malformed percent-escape (a lone `%`, `%FF`, the overlong `%C0%AF`) is
 * refused with 400 `invalid_request` in the route's format, before any router reads it. Express's
 * query parser keeps such an escape as its text, so `state=%FF` would come back to the application
 * as `%25FF`, and a search, a filter or a `returnTo` would be read as another value than the one
 * sent, with no word of it.
 */
export function refuseMalformedQuery(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const query = queryOf(req.originalUrl);
    if (!escapesSpellUtf8(query)) {
      return next(new RequestRejectedError(400, 'The query string has a malformed percent-escape: a % not followed by two hex digits, or escapes that are not UTF-8.'));
    }
    next();
  };
}

function queryOf(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1);
}
