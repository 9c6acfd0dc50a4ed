import { Router, type Request } from 'express';
import { authenticateBearer, requireScope } from '../bearer.js';
import { googleUserinfo } from '../profiles.js';
import type { AccessTokenRecord } from '../records.js';
import { grantsGoogleEmail, grantsGoogleProfile } from '../scopes.js';
import type { EmulatorState } from '../state.js';
import type { IdTokenSigner } from '../tokens/id_token.js';
import { UpstreamError } from '../errors.js';

/**
 * Userinfo refuses a credential in its own words, not the Google APIs' UNAUTHENTICATED: 401
 * `{"error":"invalid_request","error_description":"Invalid Credentials"}`
 * (pimplesushant/laravelsocialiteapi#1, coderello/laravel-passport-social-grant#22). Those show a
 * token Google would not take; that a missing one gets the same is assumed.
 */
function userinfoRefusal(headers: Record<string, string> = {}): UpstreamError {
  return new UpstreamError(401, 'invalid_request', 'Invalid Credentials', headers);
}

function userinfoToken(state: EmulatorState, req: Request): AccessTokenRecord {
  try {
    return authenticateBearer(state, req, 'google-health');
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 401) throw userinfoRefusal(error.headers);
    throw error;
  }
}

/** openidconnect.googleapis.com: the OpenID Connect userinfo endpoint. */
export function googleUserinfoRouter(state: EmulatorState): Router {
  const router = Router();
  router.get('/v1/userinfo', (req, res) => {
    const token = userinfoToken(state, req);
    const email = grantsGoogleEmail(token.scopes);
    const profile = grantsGoogleProfile(token.scopes);
    requireScope(token, email || profile || token.scopes.includes('openid'), 'userinfo');
    const user = state.users.get(token.login);
    if (!user) throw userinfoRefusal();
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
