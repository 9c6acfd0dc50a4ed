import { UpstreamError } from '../errors.js';
import { stringParam as field } from '../params.js';
import type { EmulatorState } from '../state.js';
import type { RegisteredApp } from '../types.js';
import { expiresInSeconds, issueTokens, type IssuedTokens } from './issue.js';
import { redeemCode, type RedeemFailure } from './redeem_code.js';

type Body = Record<string, unknown>;

function required(body: Body, name: string): string {
  const value = field(body, name);
  if (value === undefined) throw new UpstreamError(400, 'invalid_request', `Missing parameters: ${name}`);
  return value;
}

/**
 * [uncertain] redirect_uri_mismatch: Fitbit documents "Invalid redirect_uri parameter value" only as
 * invalid_request on its authorize page; what its token endpoint answers to an exchange with another
 * redirect_uri is not documented. This copies test/fixtures/fitbit/error_redirect_uri_mismatch.json
 * (see test/fixtures/fitbit/README.md), which is no recording either.
 */
const REDEEM_ERRORS: Record<RedeemFailure, [string, string]> = {
  invalid_code: ['invalid_grant', 'Authorization code invalid'],
  redirect_uri_mismatch: ['invalid_grant', 'Invalid redirect_uri parameter value'],
  missing_verifier: ['invalid_request', 'Missing parameters: code_verifier'],
  invalid_verifier: ['invalid_grant', 'Code verifier invalid'],
};

function tokenBody(state: EmulatorState, issued: IssuedTokens): Record<string, unknown> {
  const user = state.users.get(issued.accessToken.login);
  return {
    access_token: issued.accessToken.token,
    expires_in: expiresInSeconds(state, issued.accessToken),
    refresh_token: issued.refreshToken?.token,
    scope: issued.accessToken.scopes.join(' '),
    token_type: 'Bearer',
    user_id: user?.legacyUserId,
  };
}

/** Fitbit always issues a refresh token with the access token, for the scopes of the code or refresh token redeemed. */
function issueLegacyTokens(state: EmulatorState, app: RegisteredApp, redeemed: { login: string; scopes: readonly string[] }): IssuedTokens {
  return issueTokens(state, { api: 'fitbit-legacy', clientId: app.clientId, login: redeemed.login, scopes: redeemed.scopes, withRefreshToken: true });
}

/** Fitbit authorization_code grant: every exchange returns a refresh token and the encoded user id. */
export function legacyCodeGrant(state: EmulatorState, app: RegisteredApp, body: Body): Record<string, unknown> {
  const result = redeemCode(state, {
    code: required(body, 'code'),
    clientId: app.clientId,
    redirectUri: field(body, 'redirect_uri'),
    codeVerifier: field(body, 'code_verifier'),
  });
  if (!result.ok) {
    const [code, message] = REDEEM_ERRORS[result.failure];
    throw new UpstreamError(400, code, message);
  }
  const { record } = result;
  const issued = issueLegacyTokens(state, app, record);
  state.count('fitbit-legacy', 'codeExchanges');
  return tokenBody(state, issued);
}

/**
 * Fitbit refresh: the refresh token is single use and rotates. The same refresh token sent again
 * inside the replay window gets the first response again (or 409 when the emulator is set to
 * `legacyRefreshReplay: 'conflict'`); after the window it is 400 invalid_grant. Apps that refresh
 * concurrently or lose the rotated token are what this catches.
 */
export function legacyRefreshGrant(state: EmulatorState, app: RegisteredApp, body: Body): Record<string, unknown> {
  const value = required(body, 'refresh_token');
  const record = state.refreshTokens.get(value);
  if (!record || record.api !== 'fitbit-legacy' || record.clientId !== app.clientId) {
    throw new UpstreamError(400, 'invalid_grant', 'Refresh token invalid');
  }
  const now = state.now();
  if (record.usedAt !== undefined) {
    const insideWindow = now - record.usedAt <= state.settings.legacyRefreshReplayWindowSeconds * 1000;
    if (!insideWindow || !record.rotationResponse) throw new UpstreamError(400, 'invalid_grant', 'Refresh token invalid');
    if (state.settings.legacyRefreshReplay === 'conflict') {
      state.count('fitbit-legacy', 'refreshConflicts');
      throw new UpstreamError(409, 'conflict', 'The refresh token was already used by a concurrent request.');
    }
    state.count('fitbit-legacy', 'refreshReplays');
    return record.rotationResponse;
  }
  const issued = issueLegacyTokens(state, app, record);
  const response = tokenBody(state, issued);
  record.usedAt = now;
  record.rotationResponse = response;
  state.count('fitbit-legacy', 'refreshes');
  return response;
}
