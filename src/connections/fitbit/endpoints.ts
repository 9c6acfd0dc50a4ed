import { rewriteUpstreamUrl } from '../upstream_fetch.js';
import type { FitbitApi } from './api.js';

/** Every upstream URL one mode uses. */
export interface Endpoints {
  authorization: string;
  token: string;
  revoke: string;
  /** legacy: profile.json; google-health: users/me/identity. */
  profile: string;
  /** google-health only: the OpenID Connect userinfo endpoint (name, email, picture). */
  userinfo?: string;
  /** google-health only: keys that sign the id_token. */
  jwks?: string;
}

// https://dev.fitbit.com/build/reference/web-api/authorization/
const LEGACY: Endpoints = {
  authorization: 'https://www.fitbit.com/oauth2/authorize',
  token: 'https://api.fitbit.com/oauth2/token',
  revoke: 'https://api.fitbit.com/oauth2/revoke',
  profile: 'https://api.fitbit.com/1/user/-/profile.json',
};

// https://developers.google.com/identity/protocols/oauth2/web-server,
// https://accounts.google.com/.well-known/openid-configuration and
// https://developers.google.com/health/migration/data-access
const GOOGLE_HEALTH: Endpoints = {
  authorization: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
  profile: 'https://health.googleapis.com/v4/users/me/identity',
  userinfo: 'https://openidconnect.googleapis.com/v1/userinfo',
  jwks: 'https://www.googleapis.com/oauth2/v3/certs',
};

/**
 * Fitbit's own legacy authorize page, which answers 410 Gone since 2026-11-02: a login would leave
 * the user there, on a page that never comes back. An emulator's or a compatible upstream's
 * rewritten URL is not it.
 */
export function isRetiredAuthorization(api: FitbitApi, endpoints: Endpoints): boolean {
  return api === 'fitbit-legacy' && endpoints.authorization === LEGACY.authorization;
}

/** Issuers Google's id_tokens carry (https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken). */
export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

/**
 * The mode's URLs: the upstream's real ones for the calls, which the HTTP port calls under
 * upstreamBaseUrl itself (upstream_fetch.ts), and the authorize URL, which the browser follows,
 * under `authorizationBase` by the same rewrite when one is given.
 */
export function endpointsFor(api: FitbitApi, authorizationBase?: string): Endpoints {
  const defaults = api === 'google-health' ? GOOGLE_HEALTH : LEGACY;
  return { ...defaults, authorization: rewriteUpstreamUrl(defaults.authorization, authorizationBase) };
}
