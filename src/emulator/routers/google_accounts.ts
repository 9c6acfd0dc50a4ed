import express, { Router } from 'express';
import { authorizeGet, authorizePost } from '../authorize/consent.js';
import type { EmulatorState } from '../state.js';

/** accounts.google.com: the authorize page (GET) and its consent form (POST). */
export function googleAccountsRouter(state: EmulatorState): Router {
  const router = Router();
  router.get('/o/oauth2/v2/auth', authorizeGet(state, 'google-health'));
  router.post('/o/oauth2/v2/auth', express.urlencoded({ extended: false }), authorizePost(state, 'google-health'));
  return router;
}
