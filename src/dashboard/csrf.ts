import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { renderPage } from './views.js';

/**
 * Synchroniser-token CSRF protection: the token lives in the session and every dashboard form
 * carries it in a hidden `_csrf` field. A POST without the session's token is refused with a page
 * that says what to do, before any route runs.
 */
const csrf = csrfSync({ getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined });

/** Makes the session's token available to every page (res.locals.dashboard.csrfToken). */
export function exposeCsrfToken(req: Request, res: Response, next: NextFunction): void {
  res.locals.dashboard = { ...res.locals.dashboard, csrfToken: csrf.generateToken(req) };
  next();
}

export const refuseForgedPosts: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || csrf.isRequestValid(req)) return next();
  renderPage(
    res,
    'message',
    {
      title: 'This form has expired',
      message:
        'The form was sent without a valid security token (it may be older than your session, or come from another site). Nothing was changed. Go back, reload the page and try again.',
    },
    403,
  );
};
