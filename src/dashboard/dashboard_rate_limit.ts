import type { Request, RequestHandler } from 'express';
import type { AppDeps } from '../app_deps.js';
import { clientAddressKey } from '../http/client_address.js';
import { rateLimit, storedRateLimitCounter } from '../http/rate_limit.js';
import { waitInWords } from './account/wait_in_words.js';

const KEY_PREFIX = 'dashboard_address';

/**
 * FITGATE_RATE_LIMIT_DASHBOARD_PER_ADDRESS, mounted before the dashboard's session so that a flood
 * is refused before it can read or store sessions. Counted per address alone, not per tenant as the
 * Authentication API's limits are: the dashboard is one application on every tenant's host, and a
 * flood spread over those hosts must not get a budget for each. None when rate limits are off.
 */
export function dashboardRateLimit(deps: Pick<AppDeps, 'config' | 'store' | 'metrics'>): RequestHandler[] {
  const window = deps.config.rateLimits?.dashboardPerAddress;
  if (!window) return [];
  const rule = {
    ...storedRateLimitCounter(deps, KEY_PREFIX, window),
    keyOf: (req: Request) => clientAddressKey(req.ip),
  };
  const message = (seconds: number) => `Too many requests to the dashboard came from your network. Try again in ${waitInWords(seconds * 1000)}.`;
  return [rateLimit([rule], message)];
}
