import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in dashboard admin (lowercased email); absent when nobody is signed in. */
    adminEmail?: string;
  }
}

/**
 * Starts an admin's session on a fresh session id, so an id planted before sign-in (fixation) is
 * worth nothing afterwards.
 */
export function signIn(req: Request, email: string): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      req.session.adminEmail = email;
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

/** Ends the admin's session: the record is destroyed, not merely emptied. */
export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((error) => (error ? reject(error) : resolve()));
  });
}
