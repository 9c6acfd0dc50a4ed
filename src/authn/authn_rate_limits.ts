import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { RateLimitWindow } from '../config/index.js';
import type { AppDeps } from '../app_deps.js';
import { clientAddressKey } from '../http/client_address.js';
import { rateLimit, type RateLimitRule } from '../http/rate_limit.js';
import { readClientCredentials } from './client_auth/client_credentials.js';
import { readRequestParams } from './token_endpoint/request_params.js';
import { readBearerToken } from './userinfo/userinfo_bearer_token.js';

/** The middleware each limited Authentication API route mounts before its endpoint; none when limits are off. */
export interface AuthnRateLimits {
  readonly token: RequestHandler[];
  readonly authorize: RequestHandler[];
  readonly callback: RequestHandler[];
  readonly userinfo: RequestHandler[];
}

/**
 * FITGATE_RATE_LIMIT_* as middleware, counted in the store so the limits hold across workers and
 * instances (in batches, since every request passes one: ../store/rate_limit_batches.ts), and per
 * tenant (one tenant's traffic never spends another's). Buckets keyed by a caller-chosen string
 * (client id, access token) use its SHA-256: a token never lands in the store.
 */
export function authnRateLimits(deps: Pick<AppDeps, 'config' | 'store' | 'metrics'>): AuthnRateLimits {
  const limits = deps.config.rateLimits;
  if (!limits) return { token: [], authorize: [], callback: [], userinfo: [] };
  const rule = (keyPrefix: string, window: RateLimitWindow, keyOf: (req: Request) => string | undefined): RateLimitRule => ({
    limiter: deps.store.batchedRateLimiter({ keyPrefix, points: window.points, durationSeconds: window.durationSeconds }),
    ...(deps.metrics && { metrics: deps.metrics.rateLimit(keyPrefix) }),
    keyOf: (req) => {
      const key = keyOf(req);
      return key === undefined ? undefined : `${req.context.tenant.name}|${key}`;
    },
  });
  const address = (req: Request) => clientAddressKey(req.ip);
  const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;
  const apiMessage = (n: number) => `Too many requests; retry after ${seconds(n)}.`;
  const pageMessage = (n: number) => `Too many sign-in requests came from your network. Try again in ${seconds(n)}.`;

  return {
    token: [
      rateLimit(
        [rule('authn_token_address', limits.tokenPerAddress, address), rule('authn_token_client', limits.tokenPerClient, presentedClientId)],
        apiMessage,
      ),
    ],
    authorize: [rateLimit([rule('authn_authorize_address', limits.authorizePerAddress, address)], pageMessage)],
    callback: [rateLimit([rule('authn_callback_address', limits.callbackPerAddress, address)], pageMessage)],
    userinfo: [rateLimit([rule('authn_userinfo_token', limits.userinfoPerToken, presentedTokenHash)], apiMessage)],
  };
}

/** The client id a token request names; a malformed request names none, and its endpoint answers 400. */
function presentedClientId(req: Request): string | undefined {
  try {
    return sha256(readClientCredentials(req.headers.authorization, readRequestParams(req.body)).clientId);
  } catch {
    return undefined;
  }
}

function presentedTokenHash(req: Request): string | undefined {
  try {
    const token = readBearerToken(req);
    return token === undefined ? undefined : sha256(token);
  } catch {
    return undefined;
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
