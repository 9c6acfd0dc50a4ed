import type { RequestHandler } from 'express';
import type { Config } from '../config/index.js';
import { sessionCookieRefused } from '../http/insecure_session_request.js';
import { carriesSessionToken } from './csrf_token.js';
import { renderPage } from './views.js';

/**
 * What the dashboard says when its session cookie cannot be issued at all (sessionCookieRefused):
 * every form would otherwise be refused as expired, however often the admin reloads it.
 */
export const COOKIE_REFUSED = {
  title: 'Signing in cannot work on this connection',
  message:
    "fitgate's address is https, but this request reached fitgate as plain http, so your browser was given no session cookie. " +
    'Whoever runs fitgate must set FITGATE_TRUST_PROXY to trust the TLS-terminating proxy in front of it, and have that proxy send X-Forwarded-Proto: https.',
} as const;

/**
 * Synchroniser-token CSRF protection (the token: csrf_token.ts). A POST without the session's token
 * is refused with a page that says what to do, before any route runs.
 */
export function refuseForgedPosts(config: Pick<Config, 'publicUrl'>): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || carriesSessionToken(req)) return next();
    if (sessionCookieRefused(config, req)) {
      return renderPage(res, 'message', { title: COOKIE_REFUSED.title, message: `${COOKIE_REFUSED.message} Nothing was changed.` }, 403);
    }
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
}
