import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { answerErrorsAs } from '../http/error_format.js';
import { createSessionMiddleware } from '../http/session.js';
import { authnRateLimits } from './authn_rate_limits.js';
import { authorizeEndpoint } from './login/authorize/authorize_endpoint.js';
import { storeDownRedirect } from './login/authorize/store_down_redirect.js';
import { authorizeFormPost } from './login/authorize/authorize_form_post.js';
import { createBackChannelRouter } from './back_channel_router.js';
import { callbackEndpoint } from './login/callback/callback_endpoint.js';
import { consentDecision } from './login/consent/consent_decision.js';
import { consentPage } from './login/consent/consent_page.js';
import { CONSENT_PATH } from './login/consent/pending_consent.js';
import { storeDownCallbackRedirect } from './login/callback/store_down_callback.js';
import { enforceSessionLifetime } from './login/session_lifetime.js';
import type { CallbackHandoff } from '../upstream/callback_handoff.js';
import type { Services } from '../services.js';

/**
 * The Authentication API on each tenant's host. The front channel (/authorize, /login/callback) is
 * for browsers: it has a session and answers its errors with pages. The back channel (token,
 * userinfo, discovery, JWKS, revocation, logout) is mounted from back_channel_router.ts.
 * `handoffs` are other flows returning through /login/callback (see callback_handoff.ts).
 */
export function createAuthnRouter(deps: AppDeps, services: Pick<Services, 'upstreams' | 'revokeGrant' | 'vault'>, handoffs: readonly CallbackHandoff[] = []): Router {
  const router = Router();
  const limits = authnRateLimits(deps);
  const html = answerErrorsAs('html');
  // Limits before the session, so a flood of refused requests creates no sessions. A session past
  // its tenant's lifetimes is ended before any handler reads it.
  const session = [createSessionMiddleware(deps), enforceSessionLifetime()];
  // A store out before the endpoint verified the request still goes back to a verifiable client.
  router.get('/authorize', html, ...limits.authorize, ...session, authorizeEndpoint(deps, services.upstreams), storeDownRedirect(deps));
  // OpenID Connect Core §3.1.2.1's form post: a 303 to the GET above, without the session (see
  // authorize_form_post.ts). It spends from the same budget, so a post and its GET count two.
  router.post('/authorize', html, ...limits.authorize, authorizeFormPost('/authorize'));
  // The same for a login in flight whose store failed before it was taken (the limit's count, the take).
  router.get('/login/callback', html, ...limits.callback, ...session, callbackEndpoint(deps, services, handoffs), storeDownCallbackRedirect(deps));
  // A third-party application's consent page and its answer (login/consent/consent_step.ts), from
  // the same budget as /authorize: the step belongs to the authorization it holds.
  router.get(CONSENT_PATH, html, ...limits.authorize, ...session, consentPage(deps));
  router.post(CONSENT_PATH, html, ...limits.authorize, ...session, consentDecision(deps));
  router.use(createBackChannelRouter(deps, services));
  return router;
}
