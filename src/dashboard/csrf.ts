import type { RequestHandler } from 'express';
import { carriesSessionToken } from './csrf_token.js';
import { renderPage } from './views.js';

/**
 * Synchroniser-token CSRF protection (the token: csrf_token.ts). A POST without the session's token
 * is refused with a page that says what to do, before any route runs.
 */
export const refuseForgedPosts: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || carriesSessionToken(req)) return next();
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
