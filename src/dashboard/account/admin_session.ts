import type { Request } from 'express';
import { credentialVersionOf } from '../../domain/admin_credentials.js';
import type { AdminAccount } from '../../domain/types.js';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in dashboard admin (lowercased email); absent when nobody is signed in. */
    adminEmail?: string;
    /** The tenant URL (scheme and host) where the admin signed in; the session is good only there. */
    adminOrigin?: string;
    /** The admin's credential version at sign-in; absent on sessions from before versions (0). */
    adminCredentialVersion?: number;
  }
}

/**
 * Starts an admin's session on a fresh session id, so an id planted before sign-in (fixation) is
 * worth nothing afterwards. The session remembers the host that issued it and the admin's
 * credential version.
 *
 * Every sign-in gets a new CSRF token with the new session, except `keepCsrfToken`: an admin who
 * changed their own password in a live session (behind requireAdmin, so under their current
 * credentials) is signed in again under the new ones, and the forms open in their other tabs carry
 * the session's token, which would otherwise all be refused as expired. Never for a sign-in form or
 * a set-password link: a session a password reset made stale, planted in the browser, would hand
 * its known token to the fresh sign-in.
 */
export function signIn(req: Request, admin: Pick<AdminAccount, 'email' | 'credentialVersion'>, options: { keepCsrfToken?: boolean } = {}): Promise<void> {
  const carriedToken = options.keepCsrfToken === true ? req.session.csrfToken : undefined;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      if (carriedToken !== undefined) req.session.csrfToken = carriedToken;
      req.session.adminEmail = admin.email;
      req.session.adminOrigin = req.context.tenantUrl;
      req.session.adminCredentialVersion = credentialVersionOf(admin);
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

/**
 * Whether the session was signed in under the admin's current credentials. A password set since,
 * from any browser or on the server, has moved the version on: every session signed in before it
 * counts as signed out (the one that made the change was signed in again), with no need to find
 * those sessions in the store.
 */
export function signedInUnderCurrentCredentials(req: Request, admin: Pick<AdminAccount, 'credentialVersion'>): boolean {
  return (req.session.adminCredentialVersion ?? 0) === credentialVersionOf(admin);
}

/** Ends the admin's session: the record is destroyed, not merely emptied. */
export function signOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((error) => (error ? reject(error) : resolve()));
  });
}
