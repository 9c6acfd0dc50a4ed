import { UpstreamError } from '../errors.js';
import { stringParam as field } from '../params.js';
import { grantKey, type AccessTokenRecord } from '../records.js';
import type { EmulatorState } from '../state.js';
import type { RegisteredApp } from '../types.js';
import type { IdTokenSigner } from './id_token.js';
import { expiresInSeconds, issueTokens } from './issue.js';
import { redeemCode, type RedeemFailure } from './redeem_code.js';

type Body = Record<string, unknown>;

// Google: refresh tokens unused for six months expire, and those of apps in Testing status after 7 days.
const SIX_MONTHS_MS = 183 * 86_400_000;
const SEVEN_DAYS_MS = 7 * 86_400_000;

const REDEEM_ERRORS: Record<RedeemFailure, [string, string]> = {
  invalid_code: ['invalid_grant', 'Bad Request'],
  redirect_uri_mismatch: ['redirect_uri_mismatch', 'Bad Request'],
  missing_verifier: ['invalid_grant', 'Missing code verifier.'],
  invalid_verifier: ['invalid_grant', 'Invalid code verifier.'],
};

async function tokenBody(
  state: EmulatorState,
  signer: IdTokenSigner,
  accessToken: AccessTokenRecord,
  extra: { refreshToken?: string | undefined; nonce?: string | undefined },
): Promise<Record<string, unknown>> {
  const user = state.users.get(accessToken.login);
  const body: Record<string, unknown> = {
    access_token: accessToken.token,
    expires_in: expiresInSeconds(state, accessToken),
    scope: accessToken.scopes.join(' '),
    token_type: 'Bearer',
  };
  if (extra.refreshToken !== undefined) body.refresh_token = extra.refreshToken;
  if (user && accessToken.scopes.includes('openid')) {
    body.id_token = await signer.sign({
      user,
      clientId: accessToken.clientId,
      scopes: accessToken.scopes,
      nonce: extra.nonce,
      accessToken: accessToken.token,
      nowMs: state.now(),
    });
  }
  return body;
}

/**
 * Google authorization_code grant. A refresh token comes only with access_type=offline, and then
 * only on the user's first consent to this app or when prompt=consent forced a new one.
 */
export async function googleCodeGrant(
  state: EmulatorState,
  signer: IdTokenSigner,
  app: RegisteredApp,
  body: Body,
): Promise<Record<string, unknown>> {
  const code = field(body, 'code');
  if (code === undefined) throw new UpstreamError(400, 'invalid_request', 'Missing required parameter: code');
  const result = redeemCode(state, {
    code,
    clientId: app.clientId,
    redirectUri: field(body, 'redirect_uri'),
    codeVerifier: field(body, 'code_verifier'),
  });
  if (!result.ok) {
    const [error, message] = REDEEM_ERRORS[result.failure];
    throw new UpstreamError(400, error, message);
  }
  const { record } = result;
  const previous = state.grants.get(grantKey('google-health', app.clientId, record.login));
  const issued = issueTokens(state, {
    api: 'google-health',
    clientId: app.clientId,
    login: record.login,
    scopes: record.scopes,
    withRefreshToken: record.offline && (!previous?.refreshTokenIssued || record.forcedConsent),
  });
  state.count('google-health', 'codeExchanges');
  return tokenBody(state, signer, issued.accessToken, { refreshToken: issued.refreshToken?.token, nonce: record.nonce });
}

/** Google refresh: a new access token (and id_token for openid); the refresh token stays the same. */
export async function googleRefreshGrant(
  state: EmulatorState,
  signer: IdTokenSigner,
  app: RegisteredApp,
  body: Body,
): Promise<Record<string, unknown>> {
  const value = field(body, 'refresh_token');
  if (value === undefined) throw new UpstreamError(400, 'invalid_request', 'Missing required parameter: refresh_token');
  const record = state.refreshTokens.get(value);
  if (!record || record.api !== 'google-health') {
    throw new UpstreamError(400, 'invalid_grant', 'Token has been expired or revoked.');
  }
  // 401, unlike Google's other refusals of a refresh token (prasmussen/gdrive#375: a refresh token
  // sent with another client's credentials; vitalif/grive2#288 has the same answer with the description).
  if (record.clientId !== app.clientId) throw new UpstreamError(401, 'unauthorized_client', 'Unauthorized');
  const now = state.now();
  const idle = now - record.lastUsedAt > SIX_MONTHS_MS;
  const testingExpired = app.testing === true && now - record.createdAt > SEVEN_DAYS_MS;
  if (idle || testingExpired) {
    state.refreshTokens.delete(record.token);
    throw new UpstreamError(400, 'invalid_grant', 'Token has been expired or revoked.');
  }
  record.lastUsedAt = now;
  const issued = issueTokens(state, {
    api: 'google-health',
    clientId: app.clientId,
    login: record.login,
    scopes: record.scopes,
    withRefreshToken: false,
  });
  state.count('google-health', 'refreshes');
  return tokenBody(state, signer, issued.accessToken, {});
}
