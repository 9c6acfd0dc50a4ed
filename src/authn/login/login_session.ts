import type { Request } from 'express';
import { hasStoredSession } from '../../http/session.js';

/** What an end user's session at a tenant holds: who signed in (logins in flight: pending_login_cookie.ts). */
declare module 'express-session' {
  interface SessionData {
    /** The end user signed in at this tenant, for prompt=none. */
    endUser?: { tenant: string; userId: string; connection: string; authTime: number };
  }
}

/**
 * Starts a new session for the signed-in user: a fresh id (so an id planted before the login is
 * worth nothing: no session fixation) holding only who signed in. A session this request did not
 * read from the store already has an id generated for it alone, and is simply filled.
 */
export async function signIn(req: Request, endUser: NonNullable<Request['session']['endUser']>): Promise<void> {
  if (hasStoredSession(req)) {
    await new Promise<void>((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
  }
  req.session.endUser = endUser;
  // express-session stores the new session before it ends the response.
}
