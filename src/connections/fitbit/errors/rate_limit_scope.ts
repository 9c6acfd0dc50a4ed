import type { RateLimitScope } from '../../plugin.js';
import type { FitbitApi } from '../api.js';
import type { UpstreamOperation } from './upstream_operation.js';

/**
 * Whose quota a 429 of this call counted against, by what each upstream documents; undefined where
 * no source says (the host then holds back that identity alone, as for `user`).
 *
 * - fitbit-legacy, every call: the user's. "150 requests per user per app per hour"
 *   (https://dev.fitbit.com/build/reference/web-api/developer-guide/application-design/#Rate-Limits).
 * - google-health, the token endpoint (code exchange, refresh): the client's. Google limits OAuth
 *   token grants per app, "how quickly your app can onboard or re-authenticate users"
 *   (https://developers.google.com/health/rate-limits, "OAuth token grant rate limits";
 *   https://support.google.com/cloud/answer/9028764), and the grant's refresh token names no quota
 *   of the user's.
 * - google-health, the Health API (users/me/identity): the user's, as Google's rate limits page has
 *   it ("Per user (minutely)": 300 requests a minute, https://developers.google.com/health/rate-limits).
 *   Google's per-project limits there (120,000 a minute) are 400 times the per-user one, so a 429 is
 *   far likelier the user's, and reading it as the client's would hold back every user for one
 *   user's burst.
 * - google-health, userinfo, revocation and the signing keys: no documented limit.
 */
export function rateLimitScopeOf(api: FitbitApi, operation: UpstreamOperation): RateLimitScope | undefined {
  if (api === 'fitbit-legacy') return 'user';
  if (operation === 'token' || operation === 'refresh') return 'client';
  if (operation === 'identity') return 'user';
  return undefined;
}
