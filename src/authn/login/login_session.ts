import type { Request } from 'express';

/** What an end user's session at a tenant holds: the logins in flight, then who signed in. */
declare module 'express-session' {
  interface SessionData {
    /**
     * Upstream states of logins this browser started and has not finished. The callback accepts a
     * state only from the browser that started the login, so nobody can finish their own login in
     * someone else's browser (login CSRF).
     */
    pendingLogins?: string[];
    /** The end user signed in at this tenant, for prompt=none. */
    endUser?: { tenant: string; userId: string; connection: string; authTime: number };
  }
}

// A few tabs may start logins at once; older ones simply expire.
const MAX_PENDING_LOGINS = 5;

export function rememberPendingLogin(req: Request, upstreamState: string): void {
  req.session.pendingLogins = [...(req.session.pendingLogins ?? []), upstreamState].slice(-MAX_PENDING_LOGINS);
}

/** Whether this browser started the login with that state. */
export function startedInThisBrowser(req: Request, upstreamState: string): boolean {
  return req.session.pendingLogins?.includes(upstreamState) ?? false;
}

/** The login with that state is over (its transaction is taken): its state can never be used again. */
export function forgetPendingLogin(req: Request, upstreamState: string): void {
  const remaining = (req.session.pendingLogins ?? []).filter((state) => state !== upstreamState);
  if (remaining.length > 0) req.session.pendingLogins = remaining;
  else delete req.session.pendingLogins;
}

/**
 * Starts a new session for the signed-in user: a fresh id (so an id planted before the login is
 * worth nothing: no session fixation) holding only who signed in and the other logins in flight.
 */
export async function signIn(req: Request, endUser: NonNullable<Request['session']['endUser']>): Promise<void> {
  const stillPending = req.session.pendingLogins ?? [];
  await new Promise<void>((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
  req.session.endUser = endUser;
  if (stillPending.length > 0) req.session.pendingLogins = stillPending;
  // express-session stores the new session before it ends the response.
}
