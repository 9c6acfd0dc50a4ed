import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { cookieValue } from '../../http/cookie_value.js';
import { isUpstreamState, ROUND_TRIP_TTL_SECONDS } from '../../upstream/round_trip_records.js';

/**
 * The logins this browser started and has not finished, each as its upstream state in a cookie of
 * its own. The callback accepts a state only from the browser that started the login, so nobody
 * can finish their own login in someone else's browser (login CSRF).
 *
 * A cookie rather than the session: a first visit to /authorize then stores nothing but the login
 * transaction, and the callback reads no session, where the session row cost a write at /authorize
 * and a read at the callback on every login. The cookie carries no secret of its own: each state is
 * 32 random bytes that must also name a live transaction in the store, and whoever could plant this
 * cookie in a victim's browser could as well plant a session cookie of their own.
 *
 * One cookie per login, not one listing them all: a browser applies each answer's Set-Cookie as it
 * arrives, so with a list the last of two racing answers (two tabs restored at once, or one tab's
 * callback while another starts a login) overwrote the other tab's state and failed its login. Each
 * answer now sets or clears only its own login's cookie, and /authorize clears beyond the bound only
 * cookies its request carried (rememberPendingLogin).
 */
export const PENDING_LOGIN_COOKIE_PREFIX = 'fitgate.login.';

/**
 * The list of states the versions before wrote (`fitgate.login=STATE.STATE`). Read, never written:
 * rewriting a shared list is the race above. Its logins are single use in the store like any other,
 * and the cookie goes by itself with them: its Max-Age, set by the last answer of a version before,
 * is the logins' own lifetime. Once every instance has run this version for ROUND_TRIP_TTL_SECONDS,
 * no browser holds one.
 */
const LEGACY_PENDING_LOGIN_COOKIE = 'fitgate.login';

// A few tabs may start logins at once; older ones simply expire.
const MAX_PENDING_LOGINS = 5;

/** A cookie's value: the state, which the callback compares, then when the login started (base 36 epoch ms), which the bound orders by. */
const PENDING_LOGIN = /^([A-Za-z0-9_-]{43})\.([0-9a-z]{1,11})$/;

interface PendingLogin {
  readonly cookie: string;
  readonly state: string;
  readonly startedAt: number;
}

/**
 * The cookie of the login with that state. A short name for the request header of every page on the
 * tenant's host: the value holds the state itself, so the name only has to tell a browser's few
 * logins apart, and 64 bits of a hash of the state do.
 */
export function pendingLoginCookieName(upstreamState: string): string {
  return PENDING_LOGIN_COOKIE_PREFIX + createHash('sha256').update(upstreamState).digest('base64url').slice(0, 11);
}

/**
 * Binds the login with that state to this browser, and clears the oldest of its other logins beyond
 * MAX_PENDING_LOGINS, which bounds the cookies (about 80 bytes each) every request to the host carries.
 *
 * Clearing is by name, and only names this request carried, so it never touches a login started
 * after the request left (its state, and so its name, is new) nor one of the newest
 * MAX_PENDING_LOGINS - 1 the browser held when it left. A login a racing answer clears is therefore
 * one that was beyond the bound when that request left, never one the race made (though logins
 * finished meanwhile may have brought it back within, a sixth tab's login racing them). The other way round,
 * /authorize requests in flight at once each see only the logins before them, so the browser may hold
 * one more login than the bound per /authorize racing the first, until its next /authorize clears
 * down to the bound again or they expire.
 */
export function rememberPendingLogin(req: Request, res: Response, upstreamState: string, now = Date.now()): void {
  const options = cookieOptions(req);
  // Newest first; logins started in the same millisecond by the order browsers send cookies in,
  // oldest first (RFC 6265 §5.4).
  const others = pendingLogins(req)
    .reverse()
    .sort((one, other) => other.startedAt - one.startedAt);
  for (const { cookie } of others.slice(MAX_PENDING_LOGINS - 1)) res.clearCookie(cookie, options);
  res.cookie(pendingLoginCookieName(upstreamState), `${upstreamState}.${now.toString(36)}`, {
    ...options,
    maxAge: ROUND_TRIP_TTL_SECONDS * 1000,
    encode: String,
  });
}

/** Whether this browser started the login with that state. */
export function startedInThisBrowser(req: Request, upstreamState: string): boolean {
  if (!isUpstreamState(upstreamState)) return false;
  const value = cookieValue(req, pendingLoginCookieName(upstreamState));
  return PENDING_LOGIN.exec(value ?? '')?.[1] === upstreamState || legacyPendingLogins(req).includes(upstreamState);
}

/**
 * The login with that state is over (its transaction is taken): its state can never be used again.
 * A login bound by the legacy list stays in it: its transaction is gone, so its state finds nothing.
 */
export function forgetPendingLogin(req: Request, res: Response, upstreamState: string): void {
  res.clearCookie(pendingLoginCookieName(upstreamState), cookieOptions(req));
}

/**
 * The states of the logins this browser has in flight, newest first, at most MAX_PENDING_LOGINS: as
 * many as /authorize lets it hold, whatever cookies a request was made up with.
 */
export function pendingLoginStates(req: Request): string[] {
  return pendingLogins(req)
    .reverse()
    .sort((one, other) => other.startedAt - one.startedAt)
    .slice(0, MAX_PENDING_LOGINS)
    .map(({ state }) => state);
}

/** The logins this request's cookies bind (a value not of this version's making binds none). */
function pendingLogins(req: Request): PendingLogin[] {
  const logins: PendingLogin[] = [];
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    const cookie = pair.slice(0, Math.max(at, 0)).trim();
    if (!cookie.startsWith(PENDING_LOGIN_COOKIE_PREFIX)) continue;
    const [, state, startedAt] = PENDING_LOGIN.exec(pair.slice(at + 1).trim()) ?? [];
    if (state && startedAt) logins.push({ cookie, state, startedAt: parseInt(startedAt, 36) });
  }
  return logins;
}

function legacyPendingLogins(req: Request): string[] {
  return (cookieValue(req, LEGACY_PENDING_LOGIN_COOKIE) ?? '').split('.').filter(isUpstreamState);
}

function cookieOptions(req: Request) {
  // Secure whenever users reach the tenant over https, as the session cookie is, even where a proxy
  // in front is not trusted and the request reads as http here.
  const secure = req.secure || req.context.tenantUrl.startsWith('https:');
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
}
