import { Router } from 'express';
import { authenticateBearer, requireScope } from '../bearer.js';
import { googleUserinfo } from '../profiles.js';
import { grantsGoogleEmail, grantsGoogleProfile } from '../scopes.js';
import type { EmulatorState } from '../state.js';
import type { IdTokenSigner } from '../tokens/id_token.js';
import { UpstreamError } from '../errors.js';

/** openidconnect.googleapis.com: the OpenID Connect userinfo endpoint. */
export function googleUserinfoRouter(state: EmulatorState): Router {
  const router = Router();
  router.get('/v1/userinfo', (req, res) => {
    const token = authenticateBearer(state, req, 'google-health');
    const email = grantsGoogleEmail(token.scopes);
    const profile = grantsGoogleProfile(token.scopes);
    requireScope(token, email || profile || token.scopes.includes('openid'), 'userinfo');
    const user = state.users.get(token.login);
    if (!user) throw new UpstreamError(401, 'invalid_token', 'Invalid Credentials');
    res.json(googleUserinfo(user, email, profile));
  });
  return router;
}

/** www.googleapis.com: the JWKS that verifies the emulator's id_tokens. */
export function googleCertsRouter(signer: IdTokenSigner): Router {
  const router = Router();
  router.get('/oauth2/v3/certs', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.json(signer.jwks());
  });
  return router;
}
