import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sessionLifetimesOf, sessionWindow } from '../../domain/session_lifetimes.js';
import { SESSION_COOKIE } from '../../http/session.js';

/**
 * Keeps an end user's session within its tenant's lifetimes (idle_session_lifetime and
 * session_lifetime, domain/session_lifetimes.ts). Mounted right after the session on the front
 * channel's routes, so single sign-on and prompt=none (authorize_endpoint.ts) never see a session
 * signed in longer ago than the absolute lifetime: such a session is ended here (its stored copy
 * deleted, its cookie cleared) and the request goes on as a visitor's. Any other signed-in session
 * gets a cookie, and a stored copy, that expire after the tenant's idle lifetime from now (renewed by
 * each request: express-session's rolling expiry), never after its absolute end; the store forgets
 * one left unused past that. Sessions stored before the lifetimes existed are held to them from
 * their next request.
 */
export function enforceSessionLifetime(): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const endUser = req.session?.endUser;
    if (!endUser || endUser.tenant !== req.context.tenant.name) return next();
    const window = sessionWindow(sessionLifetimesOf(req.context.tenant), endUser.authTime, Date.now());
    if (!window.ended) {
      req.session.cookie.maxAge = window.maxAgeMs;
      return next();
    }
    // A fresh, empty session takes its place, so the handler (a login's callback) may still sign in.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    next();
  };
}

/**
 * Fits a session that was just signed in to its tenant's lifetimes (login_session.ts): its cookie
 * expires after the idle lifetime, or at the absolute end when that comes first.
 */
export function fitNewSession(req: Request): void {
  const endUser = req.session.endUser;
  if (!endUser) return;
  const window = sessionWindow(sessionLifetimesOf(req.context.tenant), endUser.authTime, Date.now());
  // Ended already only for a sign-in dated before its absolute lifetime: a cookie that expires at once.
  req.session.cookie.maxAge = window.ended ? 0 : window.maxAgeMs;
}
