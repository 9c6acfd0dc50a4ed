import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../app_deps.js';
import { rateLimit, storedRateLimitCounter } from '../http/rate_limit.js';
import { callerOf } from './caller.js';

const KEY_PREFIX = 'management_client';

/**
 * FITGATE_RATE_LIMIT_MANAGEMENT_PER_CLIENT, mounted after authentication: each machine-to-machine
 * application has its own budget in its tenant, as Auth0 limits its Management API, so one runaway
 * sync job (or a token in the wrong hands) slows only itself, and a budget is spent only with the
 * application's token. Past it, Auth0's 429 (errorCode too_many_requests) with Retry-After and the
 * x-ratelimit headers. None when rate limits are off.
 */
export function managementRateLimit(deps: Pick<AppDeps, 'config' | 'store' | 'metrics'>): RequestHandler[] {
  const window = deps.config.rateLimits?.managementPerClient;
  if (!window) return [];
  const rule = {
    ...storedRateLimitCounter(deps, KEY_PREFIX, window),
    keyOf: (req: Request) => `${req.context.tenant.name}|${callerOf(req.res as Response).clientId}`,
  };
  return [rateLimit([rule], (seconds) => `Too many requests from this application; retry after ${seconds} second${seconds === 1 ? '' : 's'}.`)];
}
