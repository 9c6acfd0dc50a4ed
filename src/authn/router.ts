import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { answerErrorsAs } from '../http/error_format.js';
import { createSessionMiddleware } from '../http/session.js';
import { authorizeEndpoint } from './authorize/authorize_endpoint.js';
import { createBackChannelRouter } from './back_channel_router.js';
import { callbackEndpoint } from './callback/callback_endpoint.js';
import type { CallbackHandoff } from './callback/callback_handoff.js';

/**
 * The Authentication API on each tenant's host. The front channel (/authorize, /login/callback) is
 * for browsers: it has a session and answers its errors with pages. The back channel (token,
 * userinfo, discovery, JWKS, revocation, logout) is mounted from back_channel_router.ts.
 * `handoffs` are other flows returning through /login/callback (see callback_handoff.ts).
 */
export function createAuthnRouter(deps: AppDeps, handoffs: readonly CallbackHandoff[] = []): Router {
  const router = Router();
  const frontChannel = [answerErrorsAs('html'), createSessionMiddleware(deps)];
  router.get('/authorize', ...frontChannel, authorizeEndpoint(deps));
  router.get('/login/callback', ...frontChannel, callbackEndpoint(deps, handoffs));
  router.use(createBackChannelRouter(deps));
  return router;
}
