/**
 * How long what /oauth/token issues stays valid, in one place. Short-lived access tokens limit what a
 * leaked token can do; refresh tokens rotate at every use, so their lifetime is how long a session
 * may sit unused before the user must log in again.
 */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const ID_TOKEN_TTL_SECONDS = 3600;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

/**
 * A consumed authorization code leaves a tombstone this long, so that a replay (RFC 6749 §4.1.2:
 * "SHOULD revoke all tokens previously issued based on that authorization code") is recognised even
 * after the code's own 60 s are over. A day outlives every access token issued from it; the refresh
 * tokens die with the grant whenever the replay comes.
 */
export const CONSUMED_CODE_TOMBSTONE_TTL_SECONDS = 24 * 3600;

/**
 * A revoked grant is remembered as long as any token issued from it could still be presented: a
 * refresh token lives at most REFRESH_TOKEN_TTL_SECONDS and no new one is issued once the grant is
 * revoked.
 */
export const GRANT_REVOCATION_TTL_SECONDS = REFRESH_TOKEN_TTL_SECONDS;
