import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { hasStoredSession, SESSION_COOKIE } from '../../http/session.js';
import type { Client } from '../../domain/types.js';
import { startBackchannelLogout, type BackchannelLogoutDeps } from './backchannel_logout.js';
import { fitNewSession } from './session_lifetime.js';

/** What an end user's session at a tenant holds: who signed in (logins in flight: pending_login_cookie.ts). */
declare module 'express-session' {
  interface SessionData {
    /** The end user signed in at this tenant, for prompt=none. */
    endUser?: {
      tenant: string;
      userId: string;
      connection: string;
      authTime: number;
      /**
       * The login session's id, the `sid` claim of every id_token issued from it (OpenID Connect
       * Front-/Back-Channel Logout §2, Auth0's `sid`) and what `logout_hint` names at logout. Never
       * the cookie's id: that one is a credential, this one is handed to every client. Absent only in
       * sessions signed in before it existed (sessionIdOf gives them one).
       */
      sid?: string;
      /**
       * The clients with a back-channel logout URL this login session answered (a code or an
       * id_token), each once, oldest first: those a back-channel logout token goes to when the
       * session ends (backchannel_logout.ts). Absent until the first such answer, and in sessions
       * from before it existed.
       */
      clients?: string[];
      /**
       * The user record's `sessionsEndedAt` as this sign-in's login wrote it, absent when it had none:
       * once the user's sessions are ended the record's differs, and the sign-in answers no more
       * (domain/ended_sessions.ts). Taken from the record the login writes anyway.
       */
      sessionsEndedAt?: string;
    };
  }
}

type EndUser = NonNullable<Request['session']['endUser']>;

/** 128 random bits, base64url: opaque, unguessable, and unrelated to the session cookie. */
function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Starts the session of the user who just signed in. The session always gets a fresh id (so an id
 * planted before the login is worth nothing: no session fixation), expiring as the tenant's
 * session lifetimes say (session_lifetime.ts). A session this request did not read from the store
 * already has an id generated for it alone, and is simply filled.
 *
 * What the login session is depends on who signed in before in this browser:
 * - the same user again while the session lives (prompt=login, max_age, a step-up, another
 *   connection that resolves to the same user): the same login session. It
 *   keeps its `sid` and the clients it answered, since the applications that signed in earlier still
 *   hold that sid (in their id_tokens and refresh tokens) and name it at logout (`logout_hint`), and
 *   must still be sent a back-channel logout when it ends;
 * - someone else, or nobody: a new login session with a new sid. A previous user's session has
 *   ended here, so the clients it answered are sent a back-channel logout for its sid now
 *   (backchannel_logout.ts): they would never hear of it otherwise.
 * A sign-in of the same user whose sessions were ended since (domain/ended_sessions.ts) counts as
 * nobody: it ended already, and the applications that asked were told then.
 * Returns the sid, which the login's code and id_token carry.
 */
export async function signIn(deps: BackchannelLogoutDeps, req: Request, endUser: Omit<EndUser, 'sid' | 'clients'>): Promise<string> {
  const stored = req.session.endUser;
  const endedSince = stored !== undefined && stored.tenant === endUser.tenant && stored.userId === endUser.userId && stored.sessionsEndedAt !== endUser.sessionsEndedAt;
  const previous = endedSince ? undefined : stored;
  if (hasStoredSession(req)) {
    await new Promise<void>((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
  }
  const sameUser = previous !== undefined && previous.tenant === endUser.tenant && previous.userId === endUser.userId;
  if (previous !== undefined && !sameUser && previous.tenant === req.context.tenant.name) {
    startBackchannelLogout(deps, req.context, previous);
  }
  const sid = sameUser ? sessionIdOf(previous) : newSessionId();
  const clients = sameUser ? previous.clients : undefined;
  req.session.endUser = { ...endUser, sid, ...(clients !== undefined ? { clients } : {}) };
  fitNewSession(req);
  // express-session stores the new session before it ends the response.
  return sid;
}

/**
 * The sid of the session's sign-in, for an answer from the session (single sign-on, prompt=none).
 * A session signed in before sids existed gets one now: `endUser` is the session's own, so
 * express-session sees the change and stores it as the response ends (once), and its later answers
 * carry the same.
 */
export function sessionIdOf(endUser: EndUser): string {
  if (endUser.sid === undefined) endUser.sid = newSessionId();
  return endUser.sid;
}

/**
 * Bounds what one session remembers: a sign-in answering more applications with a back-channel
 * logout URL than this is unusual, and the session is read on every request of its browser. The
 * oldest are forgotten first.
 */
export const MAX_SESSION_CLIENTS = 20;

/**
 * Remembers that the session answered `client`, for back-channel logout: only a client that has a
 * back-channel logout URL registered, the only ones a logout sends anything to. Remembering the
 * others would let any site evict the ones that matter: the cookie is SameSite=None, so an <img>
 * asking /authorize?prompt=none for twenty other applications of the tenant would push them out of
 * the list. The record is the one /authorize or the callback loaded anyway; a client that registers
 * its URL later is remembered from its next answer. Called where the session is written anyway (a
 * sign-in, an answer from the session); a client already remembered changes nothing, so a repeated
 * single sign-on leaves the session as it was.
 */
export function rememberClient(endUser: EndUser, client: Pick<Client, 'clientId' | 'oidcLogout'>): void {
  if (!client.oidcLogout?.backchannelLogoutUrls.length) return;
  const clients = endUser.clients ?? [];
  if (clients.includes(client.clientId)) return;
  endUser.clients = [...clients, client.clientId].slice(-MAX_SESSION_CLIENTS);
}

/** Ends the end user's session at this tenant: the stored session goes, and the browser's cookie with it. */
export async function endSession(req: Request, res: Response): Promise<void> {
  if (req.session) {
    await new Promise<void>((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(error) : resolve())));
  }
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
