import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { AdminActivity } from '../../domain/admin_activity.js';
import { hashPassword, verifyPassword } from '../../domain/passwords.js';
import { clientAddressKey } from '../../http/client_address.js';
import { sessionCookieRefused } from '../../http/insecure_session_request.js';
import { COOKIE_REFUSED } from '../csrf.js';
import { logAdminActivity } from './admin_activity_log.js';
import { COPIED_WHITESPACE_REFUSAL, rightOnceTrimmed } from './copied_password_whitespace.js';
import { rehashIfWeak } from './rehash_password.js';
import { isKnownDevice, rememberDevice } from './device_cookie.js';
import { signIn, signOut } from './admin_session.js';
import { logSignInFailure } from './sign_in_failure_log.js';
import { rawField, textField } from '../form_fields.js';
import { safeNextPath } from '../safe_next.js';
import { SignInBlockedError, type SignInLimit, type SignInLimiter } from './sign_in_limiter.js';
import { renderPage } from '../views.js';

const WRONG_CREDENTIALS = 'That email and password do not match an admin account.';

const BLOCK_ACTIVITY: Readonly<Record<SignInLimit, AdminActivity>> = {
  account: 'account_blocked',
  address: 'address_blocked',
  account_wide: 'account_wide_blocked',
};

/**
 * /manage/login and /manage/logout. Each sign-in, failure and block is logged (Auth0's `s`, `fp`,
 * `limit_wc`, `limit_mu`) in the logs of the tenants the admin named manages, and only there: the
 * dashboard is one door for every tenant (the default tenant's host serves it to all), so a
 * tenant's log keeps its own admins' sign-ins, never another tenant's admin mistyping a password,
 * nor an email that is nobody's (which would tell a tenant's admins, by its absence, whose email
 * belongs to an admin elsewhere). Each failure and refused attempt is also a warning in the process
 * log, for the operator's tools (sign_in_failure_log.ts): the one record of an unknown email's.
 */
export function signInRoutes(deps: Pick<AppDeps, 'config' | 'store' | 'logger'>, limiter: SignInLimiter): Router {
  const { config, store } = deps;
  const router = Router();
  // Unknown emails are checked against a real hash too, so the response time does not reveal which
  // emails are admins.
  const decoyHash = hashPassword('decoy password that matches nothing');

  router.get('/login', (req, res) => {
    if (res.locals.admin) return res.redirect(303, safeNextPath(req.query.next));
    renderPage(res, 'sign_in', {
      title: 'Sign in',
      next: safeNextPath(req.query.next),
      signedOut: req.query.signed_out === '1',
      // An admin who removed themselves from their last tenant (admins_routes.ts).
      accountRemoved: req.query.account_removed === '1',
      // Said before the admin types a password that could only be refused (csrf.ts).
      cookieRefused: sessionCookieRefused(config, req) ? COOKIE_REFUSED : undefined,
    });
  });

  router.post('/login', async (req: Request, res: Response) => {
    const email = textField(req.body, 'email').toLowerCase();
    const password = rawField(req.body, 'password');
    const next = safeNextPath(textField(req.body, 'next'));
    const fail = (status: number, error: string, extra: Record<string, unknown> = {}) =>
      renderPage(res, 'sign_in', { title: 'Sign in', email, next, error, ...extra }, status);

    if (!email || !password) return fail(400, 'Enter your email and your password.');
    const admin = await store.admins.get(email);
    const attempt = {
      email,
      ip: clientAddressKey(req.ip),
      passwordHash: admin?.passwordHash,
      knownDevice: isKnownDevice(req, config, admin),
    };
    // Failures and blocks: the named admin's tenants; an email that is no admin's, no tenant's log.
    const adminTenants = admin?.tenants ?? [];
    try {
      await limiter.attempt(attempt);
    } catch (error) {
      if (!(error instanceof SignInBlockedError)) throw error;
      logSignInFailure(req, email, { reason: 'rate_limited', limit: error.limit });
      if (error.justBlocked) await logAdminActivity(deps, req, BLOCK_ACTIVITY[error.limit], email, adminTenants);
      res.set(error.headers);
      return fail(429, error.description, { blocked: true });
    }
    const valid = admin?.passwordHash
      ? await verifyPassword(password, admin.passwordHash)
      : await verifyPassword(password, await decoyHash).then(() => false);
    if (!admin || !valid) {
      // Still refused: only the message names whitespace copied with the right password.
      const copiedWhitespace = await rightOnceTrimmed(password, admin?.passwordHash, decoyHash);
      logSignInFailure(req, email, { reason: 'wrong_credentials' });
      await logAdminActivity(deps, req, 'sign_in_failed', email, adminTenants);
      return fail(401, copiedWhitespace ? COPIED_WHITESPACE_REFUSAL : WRONG_CREDENTIALS);
    }

    await limiter.succeeded(attempt);
    await rehashIfWeak(deps, admin, password);
    await signIn(req, admin);
    rememberDevice(req, res, config, admin);
    await logAdminActivity(deps, req, 'signed_in', admin.email, admin.tenants);
    res.redirect(303, next);
  });

  router.post('/logout', async (req, res) => {
    await signOut(req);
    res.redirect(303, '/manage/login?signed_out=1');
  });

  return router;
}
