import { Router } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { credentialVersionOf } from '../../domain/admin_credentials.js';
import { verifyPassword } from '../../domain/passwords.js';
import { RateLimitedError } from '../../errors/index.js';
import { logAdminActivity } from './admin_activity_log.js';
import { setAdminPassword } from './admin_password.js';
import { signIn } from './admin_session.js';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from './new_password_rule.js';
import { rawField, type FieldErrors } from '../form_fields.js';
import type { PasswordChangeLimiter } from './password_change_limiter.js';
import { renderPage } from '../views.js';

/**
 * /manage/account: the signed-in admin changes their password (the generated one printed at first
 * start, say). The current password is required; wrong ones are bounded by their own limit (never
 * the sign-in one, so an admin locked out of signing in elsewhere can still change it here). The
 * change signs out every other session of the account (someone who learnt the old password is put
 * out); this one is signed in again on a new session id. It is logged (`scp`, or `fcp` for a wrong
 * current password) in each tenant the admin manages.
 */
export function accountRoutes(deps: Pick<AppDeps, 'store' | 'logger' | 'config'>, limiter: PasswordChangeLimiter): Router {
  const router = Router();
  const page = (extra: Record<string, unknown> = {}) => ({ title: 'Your account', minPasswordLength: MIN_PASSWORD_LENGTH, ...extra });

  router.get('/account', (req, res) => {
    renderPage(res, 'account', page({ changed: req.query.changed === '1' }));
  });

  router.post('/account', async (req, res) => {
    const admin = res.locals.admin!;
    const current = rawField(req.body, 'current_password');
    const password = rawField(req.body, 'password');
    const errors: FieldErrors = {};
    try {
      await limiter.ensureAllowed(admin.email);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      res.set(error.headers);
      return renderPage(res, 'account', page({ errors: { current_password: error.description } }), 429);
    }
    if (!admin.passwordHash || !(await verifyPassword(current, admin.passwordHash))) {
      await limiter.failed(admin.email);
      await logAdminActivity(deps, req, 'password_change_failed', admin.email, admin.tenants);
      errors.current_password = 'This is not your current password.';
    }
    // Judged whatever the current password's verdict, and reported with it in one answer: these
    // compare what was typed, so they tell nothing about the current password.
    const problem = newPasswordProblem(password);
    if (problem) errors.password = problem;
    // The same password again would sign out the other sessions and tick "change the generated password" while changing nothing.
    else if (password === current) errors.password = 'Choose a password other than your current one.';
    if (rawField(req.body, 'confirm') !== password) errors.confirm = 'The two passwords differ.';
    if (Object.keys(errors).length > 0) return renderPage(res, 'account', page({ errors }), 400);

    await limiter.succeeded(admin.email);
    const updated = await setAdminPassword({ admins: deps.store.admins, dataDir: deps.config.dataDir }, admin.email, password, {
      credentialVersion: credentialVersionOf(admin),
    });
    // The password was set meanwhile from elsewhere (another browser, a reset on the server), or the
    // account was removed: this session is signed out by that, as it would be at its next request,
    // and changes nothing.
    if (!updated) return res.redirect(303, `/manage/login?next=${encodeURIComponent('/manage/account')}`);
    await signIn(req, updated, { keepCsrfToken: true });
    await logAdminActivity(deps, req, 'password_changed', updated.email, updated.tenants);
    res.redirect(303, '/manage/account?changed=1');
  });

  return router;
}
