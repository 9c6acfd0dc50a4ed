import { createHmac } from 'node:crypto';
import type { SessionData } from 'express-session';
import { SESSION_COOKIE } from '../../../src/http/session.js';
import type { Store } from '../../../src/store/store.js';

/**
 * End-user sessions written and read straight in the store, so a test can give a request a session
 * without running a login, and see whether a request ended one.
 */

/**
 * Stores a session under `sessionId` (empty, unless `data` gives its content and cookie) and returns
 * the Cookie header that names it.
 */
export async function putStoredSession(store: Store, sessionId: string, secret: string, data: Partial<SessionData> = {}): Promise<string> {
  const stored = { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, ...data } as unknown as SessionData;
  await new Promise<void>((resolve, reject) => store.sessionStore().set(sessionId, stored, (error) => (error ? reject(error) : resolve())));
  return `${SESSION_COOKIE}=${encodeURIComponent(signedSessionId(sessionId, secret))}`;
}

/** The stored session, or undefined once it is gone. */
export function readStoredSession(store: Store, sessionId: string): Promise<SessionData | undefined> {
  return new Promise((resolve, reject) =>
    store.sessionStore().get(sessionId, (error, value) => (error ? reject(error) : resolve(value ?? undefined))),
  );
}

/** The session id inside a `fitgate.sid` cookie value ("s:" + id + "." + signature, URL-encoded). */
export function sessionIdOfCookie(value: string): string {
  const match = /^s:(.+)\.[^.]+$/.exec(decodeURIComponent(value));
  if (!match?.[1]) throw new Error(`not a signed session cookie: ${value}`);
  return match[1];
}

/** express-session's signature: HMAC-SHA256 of the id, base64 without padding. */
function signedSessionId(sessionId: string, secret: string): string {
  return `s:${sessionId}.${createHmac('sha256', secret).update(sessionId).digest('base64').replace(/=+$/, '')}`;
}
