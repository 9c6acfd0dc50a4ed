import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { SessionData } from 'express-session';
import type { LockStore } from '../../../domain/ports.js';
import type { PendingAuthorization } from '../login_transaction.js';

/**
 * The authorizations waiting for the signed-in person's answer on the consent page, kept in the
 * session that signed them in: only this browser, with this sign-in, can answer one. Nothing goes to
 * the application until the answer (consent_decision.ts), and an answer is taken out as it is read,
 * so each counts once.
 */
declare module 'express-session' {
  interface SessionData {
    /** Oldest first; absent until an application asked for consent in this session. */
    pendingConsents?: PendingConsent[];
  }
}

export interface PendingConsent {
  /** 32 random bytes, base64url: names the request in the consent page's address and form. */
  id: string;
  /**
   * 32 random bytes, base64url: the form's synchroniser token. Printed only into the form, never
   * into an address (which history and request logs keep), so a page of another site that learnt
   * the id still cannot answer for the person: the session cookie is SameSite=None under https.
   */
  csrf: string;
  /** The application's request, as /authorize verified it. */
  request: PendingAuthorization;
  /** The sign-in it answers for, as the code and the id_token will carry it. */
  userId: string;
  authTime: number;
  sid: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** As long as a person may take at the upstream's own pages; an answer later finds nothing. */
export const CONSENT_TTL_MS = 10 * 60 * 1000;

// The session is read on every request of its browser; a few tabs asking at once are all a person has.
export const MAX_PENDING_CONSENTS = 3;

/** The path of the consent page, GET (the page) and POST (the answer). */
export const CONSENT_PATH = '/login/consent';

type Session = Pick<SessionData, 'pendingConsents' | 'endUser'>;

/**
 * Holds `request` for the person's answer and returns the consent page's address. The session is
 * one the sign-in wrote (or single sign-on read) anyway: the request is one field more in it.
 */
export function holdForConsent(req: Request, request: PendingAuthorization, login: { userId: string; authTime: number; sid: string }, now = Date.now()): string {
  const pending: PendingConsent = {
    id: randomBytes(32).toString('base64url'),
    csrf: randomBytes(32).toString('base64url'),
    request: authorizationOf(request),
    userId: login.userId,
    authTime: login.authTime,
    sid: login.sid,
    expiresAt: now + CONSENT_TTL_MS,
  };
  const kept = livePendingConsents(req.session, now).slice(-(MAX_PENDING_CONSENTS - 1));
  req.session.pendingConsents = [...kept, pending];
  return `${CONSENT_PATH}?${new URLSearchParams({ consent: pending.id }).toString()}`;
}

/**
 * The request waiting under `id` in this session, still for the session's sign-in (the same user
 * and login session: a sign-out or another person's sign-in since empties the session anyway).
 * Undefined when there is none: expired, answered, or never asked here.
 */
export function findPendingConsent(session: Session, id: unknown, now = Date.now()): PendingConsent | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  const pending = livePendingConsents(session, now).find((candidate) => candidate.id === id);
  const endUser = session.endUser;
  if (!pending || !endUser || endUser.tenant !== pending.request.tenant || endUser.userId !== pending.userId || endUser.sid !== pending.sid) return undefined;
  return pending;
}

/** Whether `token` is the pending request's own form token (compared in constant time). */
export function carriesConsentToken(pending: PendingConsent, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(pending.csrf);
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Claims the answer to `pending` for this request, across every process sharing the store. Answers
 * sent together (a double-click, Accept and Decline from two tabs of one page) each read the session
 * before another took the request out of it, so the session alone would let each through: of them,
 * exactly one gets true. The claim lasts as long as the request would have; none is left after.
 */
export async function claimConsentAnswer(locks: Pick<LockStore, 'tryAcquire'>, pending: PendingConsent, now = Date.now()): Promise<boolean> {
  return (await locks.tryAcquire(`consent_answer:${pending.id}`, Math.max(pending.expiresAt - now, 1))) !== undefined;
}

/** Takes the request out of the session: it is answered once. */
export function forgetPendingConsent(session: Session, id: string, now = Date.now()): void {
  const left = livePendingConsents(session, now).filter((pending) => pending.id !== id);
  if (left.length > 0) session.pendingConsents = left;
  else delete session.pendingConsents;
}

/**
 * The application's request alone: a login transaction carries its upstream round trip too (its
 * state, its PKCE verifier), which has no business in a session, and its login_hint goes no
 * further than the upstream (login_transaction.ts).
 */
function authorizationOf(request: PendingAuthorization): PendingAuthorization {
  return {
    tenant: request.tenant,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    ...(request.responseType !== undefined ? { responseType: request.responseType } : {}),
    ...(request.responseMode !== undefined ? { responseMode: request.responseMode } : {}),
    ...(request.state !== undefined ? { state: request.state } : {}),
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    scope: [...request.scope],
    ...(request.codeChallenge !== undefined ? { codeChallenge: request.codeChallenge } : {}),
    ...(request.codeChallengeMethod !== undefined ? { codeChallengeMethod: request.codeChallengeMethod } : {}),
    prompt: [...request.prompt],
    connection: request.connection,
  };
}

function livePendingConsents(session: Session, now: number): PendingConsent[] {
  return (session.pendingConsents ?? []).filter((pending) => pending.expiresAt > now);
}
