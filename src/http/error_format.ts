import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * How errors are answered on a route: `oauth` is RFC 6749's JSON {error, error_description},
 * `management` is Auth0's {statusCode, error, message, errorCode}, `html` is a page for people.
 * A router declares it for its routes with answerErrorsAs(); where nobody did, the error handler
 * negotiates: HTML when the client prefers it (a browser), JSON otherwise.
 */
export type ErrorFormat = 'oauth' | 'management' | 'html';

export function answerErrorsAs(format: ErrorFormat): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.locals.errorFormat = format;
    next();
  };
}

export function errorFormatOf(req: Request, res: Response): ErrorFormat {
  const declared = res.locals.errorFormat as ErrorFormat | undefined;
  if (declared) return declared;
  if (req.path === '/api/v2' || req.path.startsWith('/api/v2/')) return 'management';
  return req.accepts(['json', 'html']) === 'html' ? 'html' : 'oauth';
}
