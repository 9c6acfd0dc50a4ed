import { Router } from 'express';
import type { Store } from '../store/store.js';
import { hashPassword, verifyPassword } from '../domain/passwords.js';
import { RateLimitedError } from '../errors/index.js';
import { signIn } from './admin_session.js';
import { rawField, type FieldErrors } from './form_fields.js';
import { MIN_PASSWORD_LENGTH } from './set_password_routes.js';
import type { SignInLimiter } from './sign_in_limiter.js';
import { renderPage } from './views.js';

/**
 * /manage/account: the signed-in admin changes their password (the generated one printed at first
 * start, say). The current password is required and counts against the sign-in limit, so a session
 * left open does not let anyone guess it; the session id is renewed afterwards.
 */
export function accountRoutes(store: Store, limiter: SignInLimiter): Router {
  const router = Router();
  const page = (extra: Record<string, unknown> = {}) => ({ title: 'Your account', ...extra });

  router.get('/account', (req, res) => {
    renderPage(res, 'account', page({ changed: req.query.changed === '1' }));
  });

  router.post('/account', async (req, res) => {
    const admin = res.locals.admin!;
    const current = rawField(req.body, 'current_password');
    const password = rawField(req.body, 'password');
    const errors: FieldErrors = {};
    try {
      await limiter.attempt(admin.email, req.ip ?? 'unknown');
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      res.set(error.headers);
      return renderPage(res, 'account', page({ errors: { current_password: error.description } }), 429);
    }
    if (!admin.passwordHash || !(await verifyPassword(current, admin.passwordHash))) errors.current_password = 'This is not your current password.';
    else if (password.length < MIN_PASSWORD_LENGTH) errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    else if (rawField(req.body, 'confirm') !== password) errors.confirm = 'The two passwords differ.';
    if (Object.keys(errors).length > 0) return renderPage(res, 'account', page({ errors }), 400);

    await limiter.succeeded(admin.email, req.ip ?? 'unknown');
    await store.admins.update({ ...admin, passwordHash: await hashPassword(password) });
    await signIn(req, admin.email);
    res.redirect(303, '/manage/account?changed=1');
  });

  return router;
}
