import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Config } from '../../config/config.js';
import { credentialVersionOf } from '../../domain/admin_credentials.js';
import type { AdminAccount } from '../../domain/types.js';
import { cookieValue } from '../../http/cookie_value.js';
import { DASHBOARD_COOKIE_PATH } from '../../http/session.js';

/**
 * Device cookies (OWASP's answer to account lockout): a browser that has signed in to an account
 * carries proof of it, and its attempts at that account are exempt from the account-wide sign-in
 * limit, which whoever knows the email can otherwise spend from many addresses to lock the admin
 * out. The per-account-and-address and per-address limits still apply, so a stolen laptop gets no
 * more guesses than anyone else.
 *
 * Each entry is HMAC-SHA256(session secret, email and credential version): no email in clear, and a
 * new password (or anything else that moves the credential version) voids every entry made before
 * it. Signed with the first session secret and checked against all of them, as the session cookie
 * is, so rotating secrets keeps browsers known. A few entries, newest last, so an admin with several
 * accounts keeps them all in one browser; the oldest drops off beyond that.
 */
export const DEVICE_COOKIE = 'fitgate.manage.device';

const MAX_ENTRIES = 5;
const MAX_AGE_MS = 180 * 24 * 60 * 60 * 1000;
// Keeps these MACs apart from anything else signed with the session secrets.
const PURPOSE = 'fitgate admin device';

type Account = Pick<AdminAccount, 'email' | 'credentialVersion'>;

/** Whether this browser signed in to `admin` under its current credentials. */
export function isKnownDevice(req: Request, config: Pick<Config, 'sessionSecrets'>, admin: Account | undefined): boolean {
  if (!admin) return false;
  const entries = deviceEntries(req).map((entry) => Buffer.from(entry, 'base64url'));
  return config.sessionSecrets.some((secret) => {
    const expected = entryFor(secret, admin);
    return entries.some((entry) => entry.length === expected.length && timingSafeEqual(entry, expected));
  });
}

/** Remembers that this browser signed in to `admin`, under its current credentials. */
export function rememberDevice(req: Request, res: Response, config: Pick<Config, 'sessionSecrets' | 'publicUrl'>, admin: Account): void {
  const entry = entryFor(config.sessionSecrets[0]!, admin).toString('base64url');
  const entries = [...deviceEntries(req).filter((kept) => kept !== entry), entry].slice(-MAX_ENTRIES);
  res.cookie(DEVICE_COOKIE, entries.join('.'), {
    httpOnly: true,
    sameSite: 'lax',
    // As the dashboard's session cookie (session.ts).
    secure: config.publicUrl.startsWith('https:'),
    path: DASHBOARD_COOKIE_PATH,
    maxAge: MAX_AGE_MS,
    encode: String,
  });
}

function entryFor(secret: string, admin: Account): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}|${admin.email.toLowerCase()}|${credentialVersionOf(admin)}`).digest();
}

function deviceEntries(req: Request): string[] {
  return (cookieValue(req, DEVICE_COOKIE) ?? '')
    .split('.')
    .filter((entry) => /^[\w-]{43}$/.test(entry))
    .slice(-MAX_ENTRIES);
}
