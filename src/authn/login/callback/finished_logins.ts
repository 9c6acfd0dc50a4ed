import type { SessionData } from 'express-session';
import { usedStateHash } from './used_state_hash.js';

/**
 * The logins this browser finished a moment ago, kept in its session so that their callback, come
 * again (the back button, a reload from history), is told apart from a login that failed: its state
 * is used up and is refused all the same, but the page says the login went through
 * (finished_login_page.ts).
 */
declare module 'express-session' {
  interface SessionData {
    /** Oldest first; absent until a login finished in this session (and in sessions from before it existed). */
    finishedLogins?: FinishedLogin[];
  }
}

/** Nothing secret: the state is used up (and kept hashed all the same), the rest is the client's own settings. */
export interface FinishedLogin {
  /** SHA-256 of the upstream state, base64url (usedStateHash). */
  state: string;
  /**
   * Of a login the callback sent back to its upstream once (send_back_for_refresh_token.ts): the
   * same of its first round's state, whose callback the back button reaches as well. Absent otherwise.
   */
  replaced?: string;
  tenant: string;
  clientName: string;
  /** Where the page's link returns to (return_link.ts); absent when the client has no such place. */
  returnTo?: string;
  /** Epoch milliseconds. */
  finishedAt: number;
}

/** As long as a login may take at the upstream: what comes back later is old history, answered as any used state. */
export const FINISHED_LOGIN_TTL_MS = 10 * 60 * 1000;

// The session is read on every request of its browser; a few logins in a row are all the back
// button reaches in ten minutes.
export const MAX_FINISHED_LOGINS = 3;

type Session = Pick<SessionData, 'finishedLogins'>;

/**
 * The session's entries still fresh: read before a sign-in regenerates the session (which empties
 * it), to be carried into the new one by rememberFinishedLogin.
 */
export function recentFinishedLogins(session: Session, now: number): FinishedLogin[] {
  return (session.finishedLogins ?? []).filter((login) => now - login.finishedAt < FINISHED_LOGIN_TTL_MS);
}

/**
 * Records a login that just finished, in the session its sign-in wrote anyway: one field more in
 * that write, never a write of its own.
 */
export function rememberFinishedLogin(
  session: Session,
  earlier: readonly FinishedLogin[],
  login: { upstreamState: string; replaced?: string | undefined; tenant: string; clientName: string; returnTo: string | undefined },
  now: number,
): void {
  const entry: FinishedLogin = {
    state: usedStateHash(login.upstreamState),
    ...(login.replaced !== undefined ? { replaced: login.replaced } : {}),
    tenant: login.tenant,
    clientName: login.clientName,
    ...(login.returnTo !== undefined ? { returnTo: login.returnTo } : {}),
    finishedAt: now,
  };
  session.finishedLogins = [...earlier, entry].slice(-MAX_FINISHED_LOGINS);
}

/**
 * The login this session finished with `state` at `tenant` less than ten minutes ago, or whose first
 * round `state` was, when the login was sent back upstream once; undefined for any other state.
 */
export function finishedLoginOf(session: Session | undefined, state: unknown, tenant: string, now: number): FinishedLogin | undefined {
  if (typeof state !== 'string' || session === undefined) return undefined;
  const hash = usedStateHash(state);
  return recentFinishedLogins(session, now).find((login) => (login.state === hash || login.replaced === hash) && login.tenant === tenant);
}
