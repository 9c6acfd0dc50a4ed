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
 * How long an access token lives when a token answer has no `expires_in`. RFC 6749 §5.1 makes
 * `expires_in` RECOMMENDED, not required: "If omitted, the authorization server SHOULD provide the
 * expiration time via other means or document the default value." These are the two answers an
 * upstream may give, as its plugin declares them on its TokenEndpoint (token_request.ts), so that the
 * code exchange and every refresh read them alike. Neither declared: an answer without `expires_in`
 * is refused. The lifetime found either way is `expiresIn`, as if the upstream had sent it: the host
 * stores the expiry as the answer's arrival plus it, whatever its source.
 */
export interface AccessTokenLifetime {
  /**
   * The "other means": the seconds the access token lives, read from an answer without
   * `expires_in`, where the upstream states its expiry another way (an `expires_at` of epoch
   * seconds: `(json) => secondsUntilEpoch(json.expires_at)`); undefined, or no number of seconds,
   * when this answer states none. Asked before the documented default.
   */
  readonly accessTokenLifetimeFrom?: ((json: JsonObject) => number | undefined) | undefined;
  /**
   * The "documented default": the access token lifetime, in seconds, the upstream's documentation
   * gives for an answer without `expires_in`. Cite that documentation beside the value.
   */
  readonly defaultAccessTokenLifetimeSeconds?: number | undefined;
}

/**
 * Reads a 2xx token answer (RFC 6749 §5.1): an access token of type Bearer (RFC 6750), its lifetime
 * in seconds (`expires_in`, else as `lifetime` declares). What an upstream must send beyond that (an
 * id_token, its own fields) the plugin checks on the result.
 */
export function parseTokenResponse(operation: TokenOperation, json: JsonObject, lifetime: AccessTokenLifetime = {}): TokenResponse {
  const bad = (problem: string) => new UpstreamBadResponseError({ operation, status: 200, problem });
  const accessToken = optionalString(json.access_token);
  if (!accessToken) throw bad('access_token is missing');
  const tokenType = optionalString(json.token_type);
  if (tokenType !== undefined && tokenType.toLowerCase() !== 'bearer') throw bad(`token_type is ${tokenType}, not Bearer`);
  const expiresIn = json.expires_in === undefined ? lifetimeOtherwise(json, lifetime) : secondsOf(json.expires_in);
  if (expiresIn === undefined) throw bad(json.expires_in === undefined ? missingLifetime(lifetime) : 'expires_in is not a number of seconds, 0 or more');
  return {
    accessToken,
    refreshToken: optionalString(json.refresh_token),
    expiresIn,
    scope: typeof json.scope === 'string' ? json.scope : undefined,
    idToken: optionalString(json.id_token),
    json,
  };
}

/**
 * The seconds from now until `expiresAt`, an instant in epoch seconds as an upstream states it
 * (`expires_at`), 0 once it has passed; undefined when it is no number of seconds. For
 * AccessTokenLifetime's `accessTokenLifetimeFrom`, or a readAnswer preferring it to `expires_in`.
 */
export function secondsUntilEpoch(expiresAt: unknown, now: number = Date.now()): number | undefined {
  const at = secondsOf(expiresAt);
  return at === undefined ? undefined : Math.max(0, Math.floor(at - now / 1000));
}

/** A lifetime as an answer states it: a finite number of seconds, 0 or more; some servers send it as a string. */
function secondsOf(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** An answer without expires_in: the expiry it states otherwise, else the documented default, else none. */
function lifetimeOtherwise(json: JsonObject, lifetime: AccessTokenLifetime): number | undefined {
  const stated = lifetime.accessTokenLifetimeFrom && secondsOf(lifetime.accessTokenLifetimeFrom(json));
  if (stated !== undefined) return stated;
  const fallback = lifetime.defaultAccessTokenLifetimeSeconds;
  if (fallback === undefined) return undefined;
  // A plugin's mistake, not the upstream's: no answer could make such a default right.
  if (!Number.isFinite(fallback) || fallback <= 0) throw new TypeError(`defaultAccessTokenLifetimeSeconds must be a number of seconds above 0, not ${String(fallback)}`);
  return fallback;
}

/** What an answer without expires_in lacked, for the admin who reads the failure. */
function missingLifetime(lifetime: AccessTokenLifetime): string {
  const otherwise = lifetime.accessTokenLifetimeFrom ? ', the answer states its expiry no other way the plugin reads,' : '';
  return `expires_in is missing${otherwise} and no default access token lifetime is declared (RFC 6749 §5.1)`;
}
