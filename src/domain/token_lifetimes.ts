import { isPublicClient } from './client_confidentiality.js';
import type { AppType, Client, RefreshTokenPolicy, TokenEndpointAuthMethod } from './types.js';

/**
 * What a client may set about the tokens issued to it (Auth0's jwt_configuration and refresh_token),
 * with fitgate's defaults, in one place: the Management API validates against these bounds and
 * /oauth/token enforces the result.
 */

/**
 * A user's access token (audience /userinfo, from the code and refresh grants): Auth0's default
 * token lifetime, 24 h. SDKs cache by `expires_in`, so a shorter life makes them refresh, or go back
 * to the silent-login iframe, more often than against Auth0. Revoking the grant or deleting the
 * application still cuts such a token off at once, since every use checks both
 * (verify_access_token.ts). Not configurable per client.
 */
export const USER_ACCESS_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/**
 * A Management API token (client_credentials). Kept at an hour: it carries admin scopes, and a
 * caller (node-auth0) simply asks for another when `expires_in` runs out.
 */
export const MANAGEMENT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
/** Auth0's jwt_configuration.lifetime_in_seconds default (10 h), written into every new application. */
export const NEW_APPLICATION_ID_TOKEN_LIFETIME_SECONDS = 36_000;
/**
 * The id_token lifetime of a client stored without jwt_configuration.lifetime_in_seconds: one created
 * before new applications got Auth0's 10 h keeps the hour it was created with.
 */
export const DEFAULT_ID_TOKEN_LIFETIME_SECONDS = 3600;
/**
 * A rotated-out signing key stays published until every token it signed has expired, so the longest
 * token lifetime bounds how long a retired key lingers; 24 h keeps that short.
 */
export const MAX_ID_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/**
 * The longest any token made under a signing key can live: signed ones (id_tokens, Management API
 * tokens) and the opaque /userinfo ones, whose encryption key is derived from it (tenant_keys.ts).
 */
export const MAX_SIGNED_TOKEN_LIFETIME_SECONDS = Math.max(
  USER_ACCESS_TOKEN_LIFETIME_SECONDS,
  MANAGEMENT_ACCESS_TOKEN_LIFETIME_SECONDS,
  MAX_ID_TOKEN_LIFETIME_SECONDS,
);

/** Auth0's upper bound for token_lifetime (five years). */
export const MAX_REFRESH_TOKEN_LIFETIME_SECONDS = 157_788_000;

/**
 * The policy of a client stored without one: rotation with reuse detection, no reuse grace, a 30-day
 * idle lifetime and a 1-year family lifetime. Clients created before new applications got per-type
 * defaults (newApplicationTokenSettings) keep it.
 */
export const DEFAULT_REFRESH_TOKEN_POLICY: Readonly<RefreshTokenPolicy> = {
  rotationType: 'rotating',
  expirationType: 'expiring',
  leewaySeconds: 0,
  tokenLifetimeSeconds: 365 * 24 * 3600,
  idleTokenLifetimeSeconds: 30 * 24 * 3600,
};

/**
 * Auth0's default for an application whose refresh tokens stay on a server (regular_web, and every
 * type but spa and native): no rotation, so a token sent twice (a Server Component that cannot store
 * the rotated one, two requests after the access token expired) keeps working, as on Auth0. Unlike
 * Auth0's `non-expiring`, the lifetimes stay: every stored token then ends 30 days after its last
 * use instead of lingering for years.
 */
const NON_ROTATING_REFRESH_TOKEN_POLICY: Readonly<RefreshTokenPolicy> = {
  ...DEFAULT_REFRESH_TOKEN_POLICY,
  rotationType: 'non-rotating',
};

/**
 * Browser and device apps hold their refresh tokens where they can leak, so theirs rotate, as Auth0
 * advises for SPAs. The reuse interval is Auth0's default, 0: auth0-spa-js serialises its own
 * refreshes (a lock across tabs), and any grace would let a stolen token be replayed unnoticed.
 */
const ROTATING_APP_TYPES: ReadonlySet<AppType> = new Set(['spa', 'native']);

/**
 * The token settings a newly created application is stored with: Auth0's defaults for its type,
 * except that a public client (`tokenEndpointAuthMethod` "none"; left out, its type's default, which
 * is public for exactly the rotating types) rotates whatever its type, for the reason
 * publicClientRotationProblem gives.
 */
export function newApplicationTokenSettings(
  appType: AppType,
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod,
): Required<Pick<Client, 'idTokenLifetimeSeconds' | 'refreshTokenPolicy'>> {
  const rotates = ROTATING_APP_TYPES.has(appType) || tokenEndpointAuthMethod === 'none';
  const policy = rotates ? DEFAULT_REFRESH_TOKEN_POLICY : NON_ROTATING_REFRESH_TOKEN_POLICY;
  return { idTokenLifetimeSeconds: NEW_APPLICATION_ID_TOKEN_LIFETIME_SECONDS, refreshTokenPolicy: { ...policy } };
}

/**
 * Why fitgate will not store this client's refresh token policy with its authentication method, or
 * undefined. A public client redeems a refresh token with its client_id alone, so whoever steals one
 * holds the session; only rotation's reuse detection ever notices. The OAuth 2.0 Security BCP
 * (RFC 9700 §2.2.2, §4.14) and OAuth 2.1 (§4.3.1) require a public client's refresh tokens to be
 * sender-constrained or rotated, and fitgate has no sender-constraining (DPoP, mTLS), so they rotate.
 * Auth0 itself accepts a non-rotating public client; fitgate refuses it (a 400 on POST and PATCH,
 * an error on the dashboard's settings form), because its default of a year's family would leave
 * such a stolen token working, unnoticed, for that long.
 */
export function publicClientRotationProblem(
  client: Pick<Client, 'tokenEndpointAuthMethod' | 'refreshTokenPolicy'>,
): { field: string; problem: string } | undefined {
  if (!isPublicClient(client) || refreshTokenPolicyOf(client).rotationType === 'rotating') return undefined;
  return {
    field: 'refresh_token.rotation_type',
    problem:
      'A public client (token_endpoint_auth_method none) must have rotating refresh tokens (OAuth 2.0 Security BCP): set refresh_token.rotation_type to rotating',
  };
}

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
