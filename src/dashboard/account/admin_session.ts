import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in dashboard admin (lowercased email); absent when nobody is signed in. */
    adminEmail?: string;
    /** The tenant URL (scheme and host) where the admin signed in; the session is good only there. */
    adminOrigin?: string;
  }
}

/**
 * Starts an admin's session on a fresh session id, so an id planted before sign-in (fixation) is
 * worth nothing afterwards. The session remembers the host that issued it.
 */
export function signIn(req: Request, email: string): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      req.session.adminEmail = email;
      req.session.adminOrigin = req.context.tenantUrl;
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

/**
 * The admin this session was signed in for, when it is presented at the host that issued it. A
 * cookie carried to another tenant's host (cookies ignore ports, a parent domain may share them, or
 * it was copied) counts as signed out there: one tenant's host never acts on another's session.
 */
export function signedInEmail(req: Request): string | undefined {
  const { adminEmail, adminOrigin } = req.session;
  return adminEmail && adminOrigin === req.context.tenantUrl ? adminEmail : undefined;
}

/** Ends the admin's session: the record is destroyed, not merely emptied. */
export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((error) => (error ? reject(error) : resolve()));
  });
}
