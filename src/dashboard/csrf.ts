import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { renderPage } from './views.js';

/**
 * Synchroniser-token CSRF protection: the token lives in the session and every dashboard form
 * carries it in a hidden `_csrf` field. A POST without the session's token is refused with a page
 * that says what to do, before any route runs.
 */
const csrf = csrfSync({ getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined });

/**
 * Makes the session's token available to every page (res.locals.dashboard.csrfToken). A token new
 * to this session is stored before the page is built: express-session would store it only while
 * the page is already going out, so with the session store down the admin would get a form that
 * can never be sent, instead of the 503 page that says to try again in a moment.
 */
export function exposeCsrfToken(req: Request, res: Response, next: NextFunction): void {
  const isNew = req.session.csrfToken === undefined;
  res.locals.dashboard = { ...res.locals.dashboard, csrfToken: csrf.generateToken(req) };
  if (!isNew) return next();
  req.session.save((error: unknown) => next(error));
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
