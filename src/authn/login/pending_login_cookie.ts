import type { Request, Response } from 'express';
import { cookieValue } from '../../http/cookie_value.js';
import { isUpstreamState, ROUND_TRIP_TTL_SECONDS } from '../../upstream/round_trip_records.js';

/**
 * The logins this browser started and has not finished, as their upstream states in a cookie of
 * their own. The callback accepts a state only from the browser that started the login, so nobody
 * can finish their own login in someone else's browser (login CSRF).
 *
 * A cookie rather than the session: a first visit to /authorize then stores nothing but the login
 * transaction, and the callback reads no session, where the session row cost a write at /authorize
 * and a read at the callback on every login. The cookie carries no secret of its own: each state is
 * 32 random bytes that must also name a live transaction in the store, and whoever could plant this
 * cookie in a victim's browser could as well plant a session cookie of their own.
 */
export const PENDING_LOGIN_COOKIE = 'fitgate.login';

// A few tabs may start logins at once; older ones simply expire.
const MAX_PENDING_LOGINS = 5;

export function rememberPendingLogin(req: Request, res: Response, upstreamState: string): void {
  writePending(req, res, [...pendingLogins(req), upstreamState].slice(-MAX_PENDING_LOGINS));
}

/** Whether this browser started the login with that state. */
export function startedInThisBrowser(req: Request, upstreamState: string): boolean {
  return pendingLogins(req).includes(upstreamState);
}

/** The login with that state is over (its transaction is taken): its state can never be used again. */
export function forgetPendingLogin(req: Request, res: Response, upstreamState: string): void {
  writePending(
    req,
    res,
    pendingLogins(req).filter((state) => state !== upstreamState),
  );
}

function pendingLogins(req: Request): string[] {
  return (cookieValue(req, PENDING_LOGIN_COOKIE) ?? '').split('.').filter(isUpstreamState);
}

function writePending(req: Request, res: Response, states: string[]): void {
  // Secure whenever users reach the tenant over https, as the session cookie is, even where a proxy
  // in front is not trusted and the request reads as http here.
  const secure = req.secure || req.context.tenantUrl.startsWith('https:');
  const options = { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
  if (states.length === 0) res.clearCookie(PENDING_LOGIN_COOKIE, options);
  else res.cookie(PENDING_LOGIN_COOKIE, states.join('.'), { ...options, maxAge: ROUND_TRIP_TTL_SECONDS * 1000, encode: String });
}
