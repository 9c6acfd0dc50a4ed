import express, { Router } from 'express';
import type { AppDeps } from '../app_deps.js';
import { answerErrorsAs } from '../http/error_format.js';
import { createSessionMiddleware } from '../http/session.js';
import { jwksEndpoint, openidConfigurationEndpoint } from './discovery_endpoints.js';
import { logoutEndpoint } from './logout_endpoint.js';
import { revokeEndpoint } from './revoke_endpoint.js';
import { openCors } from './token/open_cors.js';
import { tokenEndpoint } from './token/token_endpoint.js';
import { userinfoEndpoint } from './userinfo_endpoint.js';

/** Token requests are a few short parameters; anything bigger is not one. */
const BODY_LIMIT = '16kb';

/**
 * The Authentication API's back channel on each tenant's host: what client applications call
 * directly (token, revocation, userinfo, discovery, JWKS), plus the browser's /v2/logout. Only logout
 * touches the session; the rest answer every error as RFC 6749 / RFC 6750 JSON.
 */
export function createBackChannelRouter(deps: AppDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 50 });
  const json = express.json({ limit: BODY_LIMIT });
  const readOnly = openCors(['GET']);
  const postOnly = openCors(['POST']);
  const oauth = answerErrorsAs('oauth');

  router.all('/.well-known/openid-configuration', readOnly);
  router.get('/.well-known/openid-configuration', openidConfigurationEndpoint());
  router.all('/.well-known/jwks.json', readOnly);
  router.get('/.well-known/jwks.json', jwksEndpoint());

  router.all('/oauth/token', postOnly);
  router.post('/oauth/token', oauth, form, json, tokenEndpoint(deps));
  router.all('/oauth/revoke', postOnly);
  router.post('/oauth/revoke', oauth, form, json, revokeEndpoint(deps));

  router.all('/userinfo', openCors(['GET', 'POST']));
  router.get('/userinfo', oauth, userinfoEndpoint(deps));
  router.post('/userinfo', oauth, form, userinfoEndpoint(deps));

  router.get('/v2/logout', createSessionMiddleware(deps), logoutEndpoint(deps));
  return router;
}
