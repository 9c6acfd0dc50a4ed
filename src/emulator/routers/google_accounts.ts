import express, { Router } from 'express';
import { decodeAuthError } from '../authorize/auth_error_wire.js';
import { authorizeGet, authorizePost } from '../authorize/consent.js';
import { GOOGLE_ERROR_PATH, googleErrorRedirect } from '../authorize/google_error_redirect.js';
import { stringParam } from '../params.js';
import type { EmulatorState } from '../state.js';
import { renderGoogleErrorPage } from '../views/google_error_page.js';
import { PAGE_CSP } from '../views/html.js';

/**
 * accounts.google.com: the authorize page (GET) and its consent form (POST), which redirect every
 * refusal to the error page (googleErrorRedirect), and that page.
 */
export function googleAccountsRouter(state: EmulatorState): Router {
  const router = Router();
  router.get('/o/oauth2/v2/auth', authorizeGet(state, 'google-health'));
  router.post('/o/oauth2/v2/auth', express.urlencoded({ extended: false }), authorizePost(state, 'google-health'));
  router.get(GOOGLE_ERROR_PATH, (req, res) => {
    const authError = stringParam(req.query, 'authError');
    const error = authError === undefined ? undefined : decodeAuthError(authError);
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    // Google serves this page with 200 and names the refusal's status in it (seen 2026-10-09).
    res.status(error ? 200 : 400).type('html').send(renderGoogleErrorPage(error, stringParam(req.query, 'flowName')));
  });
  router.use(googleErrorRedirect);
  return router;
}
