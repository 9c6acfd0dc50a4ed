import { UpstreamBadResponseError } from './errors/bad_response_error.js';
import { optionalString, type JsonObject } from './json.js';
import type { TokenOperation } from './operation.js';

/** A successful token endpoint answer, checked. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string | undefined;
  expiresIn: number;
  /** Granted scopes as the upstream spelled them; undefined when the upstream left `scope` out. */
  scope: string | undefined;
  /** OpenID Connect's id_token (Core §3.1.3.3), when the upstream sent one: not yet verified. */
  idToken: string | undefined;
  /** The answer as received, for the fields an upstream adds (it holds tokens: never log it). */
  json: JsonObject;
}

/**
 * Reads a 2xx token answer (RFC 6749 §5.1): an access token of type Bearer (RFC 6750), its lifetime
 * in seconds. What an upstream must send beyond that (an id_token, its own fields) the plugin checks
 * on the result.
 */
export function parseTokenResponse(operation: TokenOperation, json: JsonObject): TokenResponse {
  const bad = (problem: string) => new UpstreamBadResponseError({ operation, status: 200, problem });
  const accessToken = optionalString(json.access_token);
  if (!accessToken) throw bad('access_token is missing');
  const tokenType = optionalString(json.token_type);
  if (tokenType !== undefined && tokenType.toLowerCase() !== 'bearer') throw bad(`token_type is ${tokenType}, not Bearer`);
  // Some servers send the number as a string.
  const expiresIn = typeof json.expires_in === 'string' ? Number(json.expires_in) : json.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) throw bad('expires_in is missing');
  return {
    accessToken,
    refreshToken: optionalString(json.refresh_token),
    expiresIn,
    scope: typeof json.scope === 'string' ? json.scope : undefined,
    idToken: optionalString(json.id_token),
    json,
  };
}
