import { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { answerErrorsAs } from '../http/error_format.js';
import { createSessionMiddleware } from '../http/session.js';
import { authnRateLimits } from './authn_rate_limits.js';
import { jwksEndpoint, openidConfigurationEndpoint } from './discovery/discovery_endpoints.js';
import { signingCertificateEndpoint } from './discovery/signing_certificate_endpoint.js';
import { logoutEndpoint } from './login/logout_endpoint.js';
import { logoutFormPost } from './login/logout_form_post.js';
import { revokeEndpoint } from './revocation/revoke_endpoint.js';
import { refuseOtherMethods } from './other_methods.js';
import { clientOriginCors } from './token_endpoint/client_origin_cors.js';
import { openCors } from './token_endpoint/open_cors.js';
import { tokenEndpoint } from './token_endpoint/token_endpoint.js';
import { userinfoEndpoint } from './userinfo/userinfo_endpoint.js';
import type { Services } from '../services.js';

/**
 * The Authentication API's back channel on each tenant's host: what client applications call
 * directly (token, revocation, userinfo, discovery, JWKS, the signing certificate), plus the
 * browser's logout. The token endpoint's Token Vault grant reads upstream tokens through `services.vault`. Only logout touches the session; the rest answer every error as RFC 6749 /
 * RFC 6750 JSON. Form and JSON bodies are parsed by createApp before any router runs.
 */
export function createBackChannelRouter(deps: AppDeps, services: Pick<Services, 'vault'>): Router {
  const router = Router();
  const readOnly = openCors(['GET']);
  // Token and revocation answers are readable only from the named client's own origins.
  const clientOrigins = clientOriginCors(deps, ['POST']);
  const oauth = answerErrorsAs('oauth');
  const limits = authnRateLimits(deps);

  router.all('/.well-known/openid-configuration', readOnly);
  router.get('/.well-known/openid-configuration', openidConfigurationEndpoint());
  router.all('/.well-known/jwks.json', readOnly);
  router.get('/.well-known/jwks.json', jwksEndpoint(deps));
  // The current key's certificate, at Auth0's paths.
  router.all('/pem', readOnly);
  router.get('/pem', signingCertificateEndpoint(deps, 'pem'));
  router.all('/cer', readOnly);
  router.get('/cer', signingCertificateEndpoint(deps, 'cer'));

  router.all('/oauth/token', clientOrigins);
  // Both verify client secrets, so they share one budget: per address before the client
  // authenticates (the middleware), per client after (the endpoint).
  router.post('/oauth/token', oauth, ...limits.token, tokenEndpoint(deps, limits.tokenClient, services.vault));
  router.all('/oauth/revoke', clientOrigins);
  router.post('/oauth/revoke', oauth, ...limits.token, revokeEndpoint(deps, limits.tokenClient));

  router.all('/userinfo', openCors(['GET', 'POST']));
  router.get('/userinfo', oauth, ...limits.userinfo, userinfoEndpoint(deps));
  router.post('/userinfo', oauth, ...limits.userinfo, userinfoEndpoint(deps));

  // Auth0's logout, and the path Auth0 serves OpenID Connect RP-Initiated Logout on: one endpoint
  // that reads both dialects (returnTo; post_logout_redirect_uri with state and id_token_hint).
  // Limited per address before the session, like /authorize: a flood is refused without a store read.
  const logout = [...limits.logout, createSessionMiddleware(deps), logoutEndpoint(deps)];
  router.get('/v2/logout', ...logout);
  router.get('/oidc/logout', ...logout);
  // RP-Initiated Logout's form post: a 303 to the GET above, and no session here, because under
  // http the cross-site post arrives without the SameSite=Lax cookie (see logout_form_post.ts).
  // It spends from the same budget, so a post and its GET count two. /v2/logout stays GET only, as
  // Auth0 serves it.
  router.post('/oidc/logout', answerErrorsAs('html'), ...limits.logout, logoutFormPost('/oidc/logout'));

  for (const path of ['/.well-known/openid-configuration', '/.well-known/jwks.json', '/pem', '/cer']) router.all(path, oauth, refuseOtherMethods(['GET']));
  for (const path of ['/oauth/token', '/oauth/revoke']) router.all(path, oauth, refuseOtherMethods(['POST']));
  router.all('/userinfo', oauth, refuseOtherMethods(['GET', 'POST']));
  return router;
}
