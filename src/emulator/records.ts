import type { UpstreamApi } from './types.js';

/** What the emulator remembers between requests. All in memory: an emulator needs no persistence. */

export interface AuthorizationCodeRecord {
  readonly code: string;
  readonly api: UpstreamApi;
  readonly clientId: string;
  readonly login: string;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  /** False when Fitbit filled in the app's only redirect URI; then the token request may omit it too. */
  readonly redirectUriGiven: boolean;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: 'S256' | 'plain';
  readonly nonce: string | undefined;
  /** Google: access_type=offline was asked for. */
  readonly offline: boolean;
  /** Google: prompt=consent was asked for, so a refresh token is issued again. */
  readonly forcedConsent: boolean;
  readonly expiresAt: number;
  used: boolean;
}

/** One user's consent to one app; revoking it ends every token issued under it. */
export interface GrantRecord {
  readonly key: string;
  readonly api: UpstreamApi;
  readonly clientId: string;
  readonly login: string;
  scopes: readonly string[];
  /** Google issues a refresh token on the first consent only (or again with prompt=consent). */
  refreshTokenIssued: boolean;
}

/** What an access token and a refresh token both hold: the grant they were issued under. */
interface IssuedTokenRecord {
  readonly token: string;
  readonly grantKey: string;
  readonly api: UpstreamApi;
  readonly clientId: string;
  readonly login: string;
  readonly scopes: readonly string[];
}

export interface AccessTokenRecord extends IssuedTokenRecord {
  readonly issuedAt: number;
  expiresAt: number;
}

export interface RefreshTokenRecord extends IssuedTokenRecord {
  readonly createdAt: number;
  /** Google refresh tokens die after six months unused. */
  lastUsedAt: number;
  /** Legacy refresh tokens are single use: when it was used, and the response then given. */
  usedAt: number | undefined;
  rotationResponse: Readonly<Record<string, unknown>> | undefined;
}

/** An authorize request waiting on the consent page's answer. */
export interface PendingAuthorization {
  readonly id: string;
  readonly api: UpstreamApi;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly redirectUriGiven: boolean;
  readonly state: string | undefined;
  readonly scopes: readonly string[];
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: 'S256' | 'plain';
  readonly nonce: string | undefined;
  readonly offline: boolean;
  readonly forcedConsent: boolean;
  readonly includeGrantedScopes: boolean;
  readonly expiresAt: number;
}

export function grantKey(api: UpstreamApi, clientId: string, login: string): string {
  return `${api}|${clientId}|${login}`;
}
