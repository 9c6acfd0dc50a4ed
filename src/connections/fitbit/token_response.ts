import type { FitbitApi } from './api.js';
import { UpstreamBadResponseError } from './errors/bad_response_error.js';
import type { UpstreamOperation } from './errors/upstream_error.js';
import { optionalString, type JsonObject } from './json.js';

/** A successful token endpoint answer, checked. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string | undefined;
  expiresIn: number;
  /** Granted scopes as the upstream spelled them; undefined when the upstream left `scope` out. */
  scope: string | undefined;
  /** google-health: the OpenID Connect id_token, not yet verified. */
  idToken: string | undefined;
  /** fitbit-legacy: the user's encoded id. */
  userId: string | undefined;
  /** The answer as received (it holds tokens: never log it). */
  json: JsonObject;
}

/**
 * Reads a 2xx token answer (RFC 6749 §5.1; Fitbit adds `user_id`). A login needs Fitbit's user_id
 * (the only identity when `profile` is not granted) and Google's id_token (openid is always asked).
 */
export function parseTokenResponse(api: FitbitApi, operation: UpstreamOperation, json: JsonObject): TokenResponse {
  const bad = (problem: string) => new UpstreamBadResponseError({ operation, status: 200, problem });
  const accessToken = optionalString(json.access_token);
  if (!accessToken) throw bad('access_token is missing');
  const tokenType = optionalString(json.token_type);
  if (tokenType !== undefined && tokenType.toLowerCase() !== 'bearer') throw bad(`token_type is ${tokenType}, not Bearer`);
  const expiresIn = typeof json.expires_in === 'string' ? Number(json.expires_in) : json.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) throw bad('expires_in is missing');

  const response: TokenResponse = {
    accessToken,
    refreshToken: optionalString(json.refresh_token),
    expiresIn,
    scope: typeof json.scope === 'string' ? json.scope : undefined,
    idToken: optionalString(json.id_token),
    userId: optionalString(json.user_id),
    json,
  };
  if (operation === 'token' && api === 'fitbit-legacy' && !response.userId) throw bad('user_id is missing');
  if (operation === 'token' && api === 'google-health' && !response.idToken) throw bad('id_token is missing');
  if (operation === 'refresh' && api === 'fitbit-legacy' && !response.refreshToken) {
    // Fitbit refresh tokens are single use: without the rotated one the user is lost, so say so now.
    throw bad('the rotated refresh_token is missing');
  }
  return response;
}
