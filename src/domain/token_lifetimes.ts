import type { Client, RefreshTokenPolicy } from './types.js';

/**
 * What a client may set about the tokens issued to it (Auth0's jwt_configuration and refresh_token),
 * with fitgate's defaults, in one place: the Management API validates against these bounds and
 * /oauth/token enforces the result.
 */

/** Access tokens are not configurable per client. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_ID_TOKEN_LIFETIME_SECONDS = 3600;
/**
 * A rotated-out signing key stays published until every token it signed has expired, so the longest
 * token lifetime bounds how long a retired key lingers; 24 h keeps that short.
 */
export const MAX_ID_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** The longest any signed token (access or id) can live. */
export const MAX_SIGNED_TOKEN_LIFETIME_SECONDS = Math.max(ACCESS_TOKEN_LIFETIME_SECONDS, MAX_ID_TOKEN_LIFETIME_SECONDS);

/** Auth0's upper bound for token_lifetime (five years). */
export const MAX_REFRESH_TOKEN_LIFETIME_SECONDS = 157_788_000;

/**
 * Rotation with reuse detection, no reuse grace, a 30-day idle lifetime and a 1-year family
 * lifetime: what fitgate did before the policy was configurable, plus an absolute bound.
 */
export const DEFAULT_REFRESH_TOKEN_POLICY: Readonly<RefreshTokenPolicy> = {
  rotationType: 'rotating',
  expirationType: 'expiring',
  leewaySeconds: 0,
  tokenLifetimeSeconds: 365 * 24 * 3600,
  idleTokenLifetimeSeconds: 30 * 24 * 3600,
};

export function idTokenLifetimeOf(client: Pick<Client, 'idTokenLifetimeSeconds'>): number {
  return client.idTokenLifetimeSeconds ?? DEFAULT_ID_TOKEN_LIFETIME_SECONDS;
}

export function refreshTokenPolicyOf(client: Pick<Client, 'refreshTokenPolicy'>): RefreshTokenPolicy {
  return client.refreshTokenPolicy ?? { ...DEFAULT_REFRESH_TOKEN_POLICY };
}

/** Why a policy cannot be enforced as written (Auth0's rules), or undefined. */
export function refreshTokenPolicyProblem(policy: RefreshTokenPolicy): { field: string; problem: string } | undefined {
  if (policy.rotationType === 'rotating' && policy.expirationType !== 'expiring') {
    return { field: 'refresh_token.expiration_type', problem: 'Rotating refresh tokens must be expiring' };
  }
  const { tokenLifetimeSeconds: absolute, idleTokenLifetimeSeconds: idle } = policy;
  if (policy.expirationType === 'expiring' && absolute !== undefined && idle !== undefined && idle > absolute) {
    return { field: 'refresh_token.idle_token_lifetime', problem: 'Must not be longer than token_lifetime' };
  }
  return undefined;
}

/**
 * Epoch seconds at which a refresh token issued `now` stops working: the idle lifetime from now,
 * never past the family's absolute end. Non-expiring tokens (and infinite lifetimes) are kept for
 * MAX_REFRESH_TOKEN_LIFETIME_SECONDS since they were last issued or used, because every stored
 * record needs a time to live.
 */
export function refreshTokenExpiry(policy: RefreshTokenPolicy, nowSeconds: number, familyExpiresAt: number | undefined): number {
  const idle = policy.expirationType === 'expiring' ? policy.idleTokenLifetimeSeconds : undefined;
  const byIdle = nowSeconds + (idle ?? MAX_REFRESH_TOKEN_LIFETIME_SECONDS);
  return familyExpiresAt === undefined ? byIdle : Math.min(byIdle, familyExpiresAt);
}

/** Epoch seconds at which a new family (a login) ends whatever its use; undefined when never. */
export function familyExpiry(policy: RefreshTokenPolicy, loginSeconds: number): number | undefined {
  if (policy.expirationType !== 'expiring' || policy.tokenLifetimeSeconds === undefined) return undefined;
  return loginSeconds + policy.tokenLifetimeSeconds;
}
