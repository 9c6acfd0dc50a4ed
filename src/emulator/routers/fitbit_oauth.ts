import express, { Router } from 'express';
import { bearerToken } from '../bearer.js';
import { authenticateLegacyClient } from '../client_auth.js';
import { UpstreamError } from '../errors.js';
import { stringParam } from '../params.js';
import type { EmulatorState } from '../state.js';
import { legacyCodeGrant, legacyRefreshGrant } from '../tokens/legacy_grants.js';

type Body = Record<string, unknown>;

/** api.fitbit.com OAuth endpoints: token, revoke, introspect. */
export function fitbitOAuthRouter(state: EmulatorState): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false }));

  router.post('/oauth2/token', (req, res) => {
    const app = authenticateLegacyClient(state, req);
    const body = (req.body ?? {}) as Body;
    const grantType = stringParam(body, 'grant_type');
    if (grantType === undefined) throw new UpstreamError(400, 'invalid_request', 'Missing parameters: grant_type');
    let response: Record<string, unknown>;
    if (grantType === 'authorization_code') response = legacyCodeGrant(state, app, body);
    else if (grantType === 'refresh_token') response = legacyRefreshGrant(state, app, body);
    else throw new UpstreamError(400, 'unsupported_grant_type', `The grant_type value is invalid: ${grantType}`);
    res.setHeader('Cache-Control', 'no-store');
    res.json(response);
  });

  // Revoking any token of a user ends every token of that user for that app.
  router.post('/oauth2/revoke', (req, res) => {
    const app = authenticateLegacyClient(state, req);
    const token = stringParam(req.body, 'token');
    if (token === undefined) throw new UpstreamError(400, 'invalid_request', 'Missing parameters: token');
    const record = state.accessTokens.get(token) ?? state.refreshTokens.get(token);
    if (record && record.api === 'fitbit-legacy' && record.clientId === app.clientId) {
      state.revokeGrant((grant) => grant.api === 'fitbit-legacy' && grant.clientId === app.clientId && grant.login === record.login);
      state.count('fitbit-legacy', 'revocations');
    }
    res.status(200).end();
  });

  // Authorised by a valid access token (Bearer) or the app's own credentials. Like Fitbit, scope is
  // listed as "{SCOPE=READ, ...}" and exp/iat are in milliseconds.
  router.post('/1.1/oauth2/introspect', (req, res) => {
    const caller = bearerToken(req);
    if (caller !== undefined) {
      const token = state.accessTokens.get(caller);
      if (!token || token.api !== 'fitbit-legacy' || token.expiresAt <= state.now()) {
        throw new UpstreamError(401, 'invalid_token', 'Access token invalid.');
      }
    } else {
      authenticateLegacyClient(state, req);
    }
    const value = stringParam(req.body, 'token');
    if (value === undefined) throw new UpstreamError(400, 'invalid_request', 'Missing parameters: token');
    state.count('fitbit-legacy', 'introspections');
    const token = state.accessTokens.get(value);
    if (!token || token.api !== 'fitbit-legacy' || token.expiresAt <= state.now()) {
      res.json({ active: false });
      return;
    }
    res.json({
      active: true,
      scope: `{${token.scopes.map((scope) => `${scope.toUpperCase()}=READ`).join(', ')}}`,
      client_id: token.clientId,
      user_id: state.users.get(token.login)?.legacyUserId,
      token_type: 'access_token',
      exp: token.expiresAt,
      iat: token.issuedAt,
    });
  });
  return router;
}
