import express, { Router } from 'express';
import { authorizeGet, authorizePost } from '../authorize/consent.js';
import type { EmulatorState } from '../state.js';

/** www.fitbit.com: the authorize page (GET) and its consent form (POST). */
export function fitbitWwwRouter(state: EmulatorState): Router {
  const router = Router();
  router.get('/oauth2/authorize', authorizeGet(state, 'fitbit-legacy'));
  router.post('/oauth2/authorize', express.urlencoded({ extended: false }), authorizePost(state, 'fitbit-legacy'));
  return router;
}
