import {
  DEFAULT_ID_TOKEN_LIFETIME_SECONDS,
  MANAGEMENT_ACCESS_TOKEN_LIFETIME_SECONDS,
  MAX_REFRESH_TOKEN_LIFETIME_SECONDS,
  USER_ACCESS_TOKEN_LIFETIME_SECONDS,
} from '../../domain/token_lifetimes.js';

/**
 * How long what /oauth/token issues stays valid (src/domain/token_lifetimes.ts says why). The id_token
 * and refresh token lifetimes are per client; ID_TOKEN_TTL_SECONDS is for a client that sets none.
 */
export const ACCESS_TOKEN_TTL_SECONDS = USER_ACCESS_TOKEN_LIFETIME_SECONDS;
export const MANAGEMENT_ACCESS_TOKEN_TTL_SECONDS = MANAGEMENT_ACCESS_TOKEN_LIFETIME_SECONDS;
export const ID_TOKEN_TTL_SECONDS = DEFAULT_ID_TOKEN_LIFETIME_SECONDS;

/**
 * A consumed authorization code leaves a tombstone this long, so that a replay (RFC 6749 §4.1.2:
 * "SHOULD revoke all tokens previously issued based on that authorization code") is recognised even
 * after the code's own 60 s are over. It outlives every access token issued from it (an hour's margin
 * over their lifetime, counted from the exchange); the refresh tokens die with the grant whenever the
 * replay comes.
 */
export const CONSUMED_CODE_TOMBSTONE_TTL_SECONDS = ACCESS_TOKEN_TTL_SECONDS + 3600;

/**
 * A revoked grant is remembered as long as any token issued from it could still be presented: no
 * refresh token record lives longer than MAX_REFRESH_TOKEN_LIFETIME_SECONDS past its last issue, and
 * no new one is issued once the grant is revoked.
 */
export const GRANT_REVOCATION_TTL_SECONDS = MAX_REFRESH_TOKEN_LIFETIME_SECONDS;
