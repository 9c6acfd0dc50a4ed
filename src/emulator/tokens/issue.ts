import { grantKey, type AccessTokenRecord, type RefreshTokenRecord } from '../records.js';
import { randomToken, type EmulatorState } from '../state.js';
import type { UpstreamApi } from '../types.js';

export interface IssueRequest {
  readonly api: UpstreamApi;
  readonly clientId: string;
  readonly login: string;
  readonly scopes: readonly string[];
  readonly withRefreshToken: boolean;
}

export interface IssuedTokens {
  readonly accessToken: AccessTokenRecord;
  readonly refreshToken: RefreshTokenRecord | undefined;
}

// Google's tokens carry recognisable prefixes ("ya29.", "1//"); Fitbit's are opaque to clients.
const PREFIX: Record<UpstreamApi, { access: string; refresh: string }> = {
  'fitbit-legacy': { access: '', refresh: '' },
  'google-health': { access: 'ya29.', refresh: '1//' },
};

/** Records (or refreshes) the user's grant to the app and mints tokens under it. */
export function issueTokens(state: EmulatorState, request: IssueRequest): IssuedTokens {
  const key = grantKey(request.api, request.clientId, request.login);
  const grant = state.grants.get(key) ?? {
    key,
    api: request.api,
    clientId: request.clientId,
    login: request.login,
    scopes: request.scopes,
    refreshTokenIssued: false,
  };
  grant.scopes = request.scopes;
  state.grants.set(key, grant);

  const now = state.now();
  const ttlSeconds =
    request.api === 'fitbit-legacy' ? state.settings.legacyAccessTokenTtlSeconds : state.settings.googleAccessTokenTtlSeconds;
  const accessToken: AccessTokenRecord = {
    token: randomToken(PREFIX[request.api].access),
    grantKey: key,
    api: request.api,
    clientId: request.clientId,
    login: request.login,
    scopes: request.scopes,
    issuedAt: now,
    expiresAt: now + ttlSeconds * 1000,
  };
  state.accessTokens.set(accessToken.token, accessToken);
  state.noteAdded();

  let refreshToken: RefreshTokenRecord | undefined;
  if (request.withRefreshToken) {
    refreshToken = {
      token: randomToken(PREFIX[request.api].refresh),
      grantKey: key,
      api: request.api,
      clientId: request.clientId,
      login: request.login,
      scopes: request.scopes,
      createdAt: now,
      lastUsedAt: now,
      usedAt: undefined,
      rotationResponse: undefined,
    };
    state.refreshTokens.set(refreshToken.token, refreshToken);
    grant.refreshTokenIssued = true;
  }
  return { accessToken, refreshToken };
}

export function expiresInSeconds(state: EmulatorState, token: AccessTokenRecord): number {
  return Math.max(0, Math.round((token.expiresAt - state.now()) / 1000));
}
