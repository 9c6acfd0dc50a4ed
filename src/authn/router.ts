import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';

/**
 * The Authentication API on each tenant's host: /authorize, /login/callback and, through the
 * back-channel router, /oauth/token, /userinfo, discovery, JWKS, revocation and logout.
 */
export function createAuthnRouter(_deps: AppDeps): Router {
  const router = Router();
  return router;
}
