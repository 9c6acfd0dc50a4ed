import type { Request, Response } from 'express';
import { UpstreamError } from './errors.js';
import type { AccessTokenRecord } from './records.js';
import type { EmulatorState } from './state.js';
import type { UpstreamApi } from './types.js';

// Google's wording for a missing or a bad credential.
const GOOGLE_MISSING =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.';
const GOOGLE_INVALID =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.';

function unauthorized(code: 'invalid_token' | 'expired_token', message: string): UpstreamError {
  return new UpstreamError(401, code, message, { 'WWW-Authenticate': `Bearer error="invalid_token"` });
}

export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The access token behind `Authorization: Bearer`, or the upstream's 401: Fitbit says
 * expired_token or invalid_token; Google says UNAUTHENTICATED for both.
 */
export function authenticateBearer(state: EmulatorState, req: Request, api: UpstreamApi): AccessTokenRecord {
  const value = bearerToken(req);
  const google = api === 'google-health';
  if (value === undefined) {
    throw unauthorized('invalid_token', google ? GOOGLE_MISSING : 'Access token invalid: no access token was sent.');
  }
  const token = state.accessTokens.get(value);
  if (!token || token.api !== api) throw unauthorized('invalid_token', google ? GOOGLE_INVALID : 'Access token invalid.');
  if (token.expiresAt <= state.now()) {
    throw unauthorized('expired_token', google ? GOOGLE_INVALID : 'Access token expired.');
  }
  return token;
}

/** 403 when the grant lacks what the endpoint needs: Fitbit insufficient_scope, Google PERMISSION_DENIED. */
export function requireScope(token: AccessTokenRecord, allowed: boolean, what: string): void {
  if (allowed) return;
  if (token.api === 'fitbit-legacy') {
    throw new UpstreamError(403, 'insufficient_scope', `This application does not have permission to access ${what} data.`);
  }
  throw new UpstreamError(403, 'insufficient_scope', 'Request had insufficient authentication scopes.', {
    'WWW-Authenticate': 'Bearer error="insufficient_scope"',
  });
}

/**
 * Counts one API call against the user's per-app quota. Fitbit: 150 per clock hour, reported on
 * every response in Fitbit-Rate-Limit-* headers; Google: 300 per minute, no headers. Over the
 * limit: 429, with no Retry-After (see below).
 */
export function consumeQuota(state: EmulatorState, token: AccessTokenRecord, res: Response): void {
  const legacy = token.api === 'fitbit-legacy';
  const windowMs = legacy ? 3_600_000 : 60_000;
  const limit = legacy ? state.settings.legacyRateLimitPerHour : state.settings.googleRateLimitPerMinute;
  const now = state.now();
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const key = token.grantKey;
  const window = state.rateWindows.get(key);
  const current = window && window.windowStart === windowStart ? window : { windowStart, count: 0 };
  current.count += 1;
  state.rateWindows.set(key, current);
  const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));

  if (legacy) {
    res.setHeader('Fitbit-Rate-Limit-Limit', String(limit));
    res.setHeader('Fitbit-Rate-Limit-Remaining', String(Math.max(0, limit - current.count)));
    res.setHeader('Fitbit-Rate-Limit-Reset', String(resetSeconds));
  }
  if (current.count <= limit) {
    state.count(token.api, 'apiCalls');
    return;
  }
  state.count(token.api, 'rateLimited');
  // No Retry-After on either: Fitbit documents its three Fitbit-Rate-Limit-* headers (set above) and
  // Google none (https://developers.google.com/health/rate-limits), so a client must cope without one.
  throw legacy
    ? new UpstreamError(429, 'system', 'Too Many Requests')
    : new UpstreamError(429, 'rate_limit_exceeded', "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user'.");
}
