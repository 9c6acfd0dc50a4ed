import { Router, type Request, type Response } from 'express';
import type { Store } from '../store/store.js';
import { RateLimitedError } from '../errors/index.js';
import { hashPassword, verifyPassword } from '../domain/passwords.js';
import { signIn, signOut } from './admin_session.js';
import { rawField, textField } from './form_fields.js';
import { safeNextPath } from './safe_next.js';
import { SignInLimiter } from './sign_in_limiter.js';
import { renderPage } from './views.js';

const WRONG_CREDENTIALS = 'That email and password do not match an admin account.';

/** /manage/login and /manage/logout. */
export function signInRoutes(store: Store, limiter: SignInLimiter): Router {
  const router = Router();
  // Unknown emails are checked against a real hash too, so the response time does not reveal which
  // emails are admins.
  const decoyHash = hashPassword('decoy password that matches nothing');

  router.get('/login', (req, res) => {
    if (res.locals.admin) return res.redirect(303, safeNextPath(req.query.next));
    renderPage(res, 'sign_in', { title: 'Sign in', next: safeNextPath(req.query.next) });
  });

  router.post('/login', async (req: Request, res: Response) => {
    const email = textField(req.body, 'email').toLowerCase();
    const password = rawField(req.body, 'password');
    const next = safeNextPath(textField(req.body, 'next'));
    const fail = (status: number, error: string) => renderPage(res, 'sign_in', { title: 'Sign in', email, next, error }, status);

    if (!email || !password) return fail(400, 'Enter your email and your password.');
    try {
      await limiter.attempt(email, req.ip ?? 'unknown');
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      res.set(error.headers);
      return fail(429, error.description);
    }
    const admin = await store.admins.get(email);
    const valid = admin?.passwordHash
      ? await verifyPassword(password, admin.passwordHash)
      : await verifyPassword(password, await decoyHash).then(() => false);
    if (!admin || !valid) return fail(401, WRONG_CREDENTIALS);

    await limiter.succeeded(email, req.ip ?? 'unknown');
    await signIn(req, admin.email);
    res.redirect(303, next);
  });

  router.post('/logout', async (req, res) => {
    await signOut(req);
    res.redirect(303, '/manage/login');
  });

  return router;
}
