import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { hasStoredSession } from '../http/session.js';

/**
 * The session's synchroniser token, which every dashboard form carries in a hidden `_csrf` field:
 * when it is made, how pages get it, and the check (csrf.ts refuses what fails it).
 */
const csrf = csrfSync({ getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined });

/** Whether the request carries its session's token. */
export function carriesSessionToken(req: Request): boolean {
  return csrf.isRequestValid(req);
}

/**
 * Makes the session's token available to every page (res.locals.dashboard.csrfToken).
 *
 * A visitor without a stored session gets no token here: putting one in the session would store a
 * session, for 8 hours, at every cookieless request (404s, redirects to sign-in, bots). Their token
 * is made when a page with a form is built (sendWithTokenIfPrinted).
 *
 * A stored session without a token yet (the one sign-in starts) gets one, stored before the page is
 * built: express-session would store it only while the page is already going out, so with the
 * session store down the admin would get a form that can never be sent, instead of the 503 page
 * that says to try again in a moment.
 */
export function exposeCsrfToken(req: Request, res: Response, next: NextFunction): void {
  const existing = req.session.csrfToken;
  if (existing === undefined && !hasStoredSession(req)) return next();
  res.locals.dashboard = { ...res.locals.dashboard, csrfToken: csrf.generateToken(req) };
  if (existing !== undefined) return next();
  req.session.save((error: unknown) => next(error));
}

/**
 * How long a visitor's session lives before they sign in: the time to fill in a sign-in or
 * set-password form. Signing in starts a new session of the full idle lifetime (admin_session.ts),
 * so the session of a bot that only fetched the sign-in page is gone in half an hour, not eight.
 */
const FORM_SESSION_MS = 30 * 60 * 1000;

/** What a page for a visitor without a token is built with in its place: random, so it is found only where printed. */
export function tokenStandIn(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Sends a page built with `standIn` (see exposeCsrfToken). When the page printed it, it has a form:
 * a real token takes its place and the session holding it is stored before the page goes out (for
 * the 503 reason above). A page without a form goes out as it is and stores nothing.
 */
export function sendWithTokenIfPrinted(req: Request, html: string, standIn: string, send: (html: string) => void): void {
  if (!html.includes(standIn)) return send(html);
  const token = csrf.generateToken(req);
  req.session.cookie.maxAge = FORM_SESSION_MS;
  req.session.save((error: unknown) => {
    if (!error) return send(html.replaceAll(standIn, token));
    // The route that called renderPage has returned by now; the router's next takes the error to
    // the error handler (the 503 page), as if the route had thrown it. (Express sets req.next on
    // every request that passes a router, as every dashboard page does.)
    req.next?.(error);
  });
}
