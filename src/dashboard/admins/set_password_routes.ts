import { Router } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { credentialVersionOf } from '../../domain/admin_credentials.js';
import { logAdminActivity } from '../account/admin_activity_log.js';
import { setAdminPassword } from '../account/admin_password.js';
import { signIn } from '../account/admin_session.js';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../account/new_password_rule.js';
import { dropSetPasswordTicket, peekSetPasswordTicket } from './set_password_tickets.js';
import { rawField, type FieldErrors } from '../form_fields.js';
import { renderPage } from '../views.js';

/**
 * /manage/set-password/:ticket: an invited admin chooses a password with their one-time link (logged
 * as `scp`). Setting it voids every other open link of the account.
 */
export function setPasswordRoutes(deps: Pick<AppDeps, 'store' | 'logger' | 'config'>): Router {
  const { store } = deps;
  const router = Router();
  const expired = {
    title: 'This link cannot be used',
    message:
      'Set-password links work once, expire after 72 hours, and stop working when a newer link is given or the password is set. ' +
      'If you have not set your password yet, ask the admin who invited you for a new link.',
    link: { href: '/manage/login', text: 'Go to sign-in' },
  };

  router.get('/set-password/:ticket', async (req, res) => {
    const admin = await peekSetPasswordTicket(store, req.params.ticket);
    if (!admin) return renderPage(res, 'message', expired, 404);
    renderPage(res, 'set_password', { title: 'Set your password', narrow: true, email: admin.email, ticket: req.params.ticket, minPasswordLength: MIN_PASSWORD_LENGTH });
  });

  router.post('/set-password/:ticket', async (req, res) => {
    const peeked = await peekSetPasswordTicket(store, req.params.ticket);
    if (!peeked) return renderPage(res, 'message', expired, 404);
    const password = rawField(req.body, 'password');
    const errors: FieldErrors = {};
    const problem = newPasswordProblem(password);
    if (problem) errors.password = problem;
    else if (rawField(req.body, 'confirm') !== password) errors.confirm = 'The two passwords differ.';
    if (Object.keys(errors).length > 0) {
      const data = { title: 'Set your password', email: peeked.email, ticket: req.params.ticket, errors, minPasswordLength: MIN_PASSWORD_LENGTH };
      return renderPage(res, 'set_password', data, 400);
    }

    // Under the link's credential version: a newer link or a password set meanwhile (another use of
    // this link included) voids it, and then nothing is written.
    const updated = await setAdminPassword({ admins: store.admins, dataDir: deps.config.dataDir }, peeked.email, password, {
      credentialVersion: credentialVersionOf(peeked),
    });
    if (!updated) return renderPage(res, 'message', expired, 404);
    await dropSetPasswordTicket(store, req.params.ticket);
    await signIn(req, updated);
    await logAdminActivity(deps, req, 'password_changed', updated.email, updated.tenants);
    res.redirect(303, '/manage');
  });

  return router;
}
