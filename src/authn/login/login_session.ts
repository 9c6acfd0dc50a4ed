import type { Request, Response } from 'express';
import { hasStoredSession, SESSION_COOKIE } from '../../http/session.js';
import { fitNewSession } from './session_lifetime.js';

/** What an end user's session at a tenant holds: who signed in (logins in flight: pending_login_cookie.ts). */
declare module 'express-session' {
  interface SessionData {
    /** The end user signed in at this tenant, for prompt=none. */
    endUser?: { tenant: string; userId: string; connection: string; authTime: number };
  }
}

/**
 * Starts a new session for the signed-in user: a fresh id (so an id planted before the login is
 * worth nothing: no session fixation) holding only who signed in, expiring as the tenant's session
 * lifetimes say (session_lifetime.ts). A session this request did not read from the store already
 * has an id generated for it alone, and is simply filled.
 */
export async function signIn(req: Request, endUser: NonNullable<Request['session']['endUser']>): Promise<void> {
  if (hasStoredSession(req)) {
    await new Promise<void>((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
  }
  req.session.endUser = endUser;
  fitNewSession(req);
  // express-session stores the new session before it ends the response.
}

/** Ends the end user's session at this tenant: the stored session goes, and the browser's cookie with it. */
export async function endSession(req: Request, res: Response): Promise<void> {
  if (req.session) {
    await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(error) : resolve())));
  }
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
