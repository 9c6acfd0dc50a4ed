import express, { Router } from 'express';
import { authenticateGoogleClient } from '../client_auth.js';
import { UpstreamError } from '../errors.js';
import { stringParam } from '../params.js';
import type { EmulatorState } from '../state.js';
import { googleCodeGrant, googleRefreshGrant } from '../tokens/google_grants.js';
import type { IdTokenSigner } from '../tokens/id_token.js';

type Body = Record<string, unknown>;

/** oauth2.googleapis.com: token and revoke, with RFC 6749-shaped errors. */
export function googleOAuthRouter(state: EmulatorState, signer: IdTokenSigner): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false }), express.json());

  router.post('/token', async (req, res) => {
    const app = authenticateGoogleClient(state, req);
    const body = (req.body ?? {}) as Body;
    const grantType = stringParam(body, 'grant_type');
    if (grantType === undefined) throw new UpstreamError(400, 'invalid_request', 'Missing required parameter: grant_type');
    let response: Record<string, unknown>;
    if (grantType === 'authorization_code') response = await googleCodeGrant(state, signer, app, body);
    else if (grantType === 'refresh_token') response = await googleRefreshGrant(state, signer, app, body);
    else throw new UpstreamError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    res.setHeader('Cache-Control', 'no-store');
    res.json(response);
  });

  // Google revokes the whole grant: an access token's refresh token goes with it, and the reverse.
  router.post('/revoke', (req, res) => {
    const value = stringParam(req.body, 'token') ?? stringParam(req.query, 'token');
    const record = value === undefined ? undefined : (state.accessTokens.get(value) ?? state.refreshTokens.get(value));
    if (!record || record.api !== 'google-health') throw new UpstreamError(400, 'invalid_token', 'Token expired or revoked');
    state.revokeGrant((grant) => grant.api === 'google-health' && grant.clientId === record.clientId && grant.login === record.login);
    state.count('google-health', 'revocations');
    res.status(200).end();
  });

  return router;
}
