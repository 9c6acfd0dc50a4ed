import type { EmulatorSettings } from './types.js';

/**
 * The upstreams' documented values (Fitbit: https://dev.fitbit.com/build/reference/web-api/authorization/
 * and https://dev.fitbit.com/build/reference/web-api/developer-guide/application-design/#Rate-Limits;
 * Google: https://developers.google.com/identity/protocols/oauth2/web-server and
 * https://developers.google.com/health/rate-limits); each is adjustable through control.setSettings.
 */
export const DEFAULT_SETTINGS: EmulatorSettings = Object.freeze({
  // Fitbit: "The authorization code is valid for 10 minutes"; Google documents no figure, use the same.
  codeTtlSeconds: 600,
  legacyAccessTokenTtlSeconds: 28_800,
  googleAccessTokenTtlSeconds: 3_599,
  // Fitbit said identical refresh requests within two minutes get the same answer; unconfirmed since.
  legacyRefreshReplayWindowSeconds: 120,
  legacyRefreshReplay: 'same-response',
  legacyRateLimitPerHour: 150,
  googleRateLimitPerMinute: 300,
});
