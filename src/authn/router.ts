import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { createBackChannelRouter } from './back_channel_router.js';

/**
 * The Authentication API on each tenant's host: /authorize, /login/callback and, through the
 * back-channel router, /oauth/token, /userinfo, discovery, JWKS, revocation and logout.
 */
export function createAuthnRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(createBackChannelRouter(deps));
  return router;
}
