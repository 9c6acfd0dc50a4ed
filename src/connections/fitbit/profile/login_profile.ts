import { decodeJwt } from 'jose';
import { UpstreamBadResponseError } from '../../oauth2/errors/bad_response_error.js';
import { grantedFitbitScopes, type FitbitScope } from '../scopes.js';
import type { FitbitTokenResponse } from '../token_response.js';
import type { UpstreamContext } from '../upstream_context.js';
import { fetchGoogleHealthProfile, fetchLegacyProfile } from './fetch_profile.js';
import type { FitbitProfile } from './fitbit_profile.js';
import { legacyProfileFromUserId } from './legacy.js';

/**
 * The Fitbit scope names a token answer grants. RFC 6749 §5.1 lets a server leave `scope` out when
 * it granted what was asked, so then the configured scopes stand.
 */
export function grantedScopesOf(context: UpstreamContext, token: FitbitTokenResponse, requested: readonly FitbitScope[]): FitbitScope[] {
  return token.scope === undefined ? [...requested] : grantedFitbitScopes(context.api, token.scope);
}

/**
 * The profile of a user who just signed in. Users may untick any scope, `profile` included, and
 * still sign in: legacy then uses the token answer's user_id; google-health always has the
 * identity endpoint (ids) and the verified id_token (name, email, picture).
 */
export async function loginProfile(context: UpstreamContext, token: FitbitTokenResponse, granted: readonly FitbitScope[]): Promise<FitbitProfile> {
  if (context.api === 'google-health') {
    // The id_token was verified during the code exchange; here it only supplies claims.
    return fetchGoogleHealthProfile(context, token.accessToken, token.idToken ? decodeJwt(token.idToken) : {}, granted);
  }
  const userId = token.userId ?? '';
  if (!granted.includes('profile')) return legacyProfileFromUserId(userId, granted);
  const profile = await fetchLegacyProfile(context, token.accessToken, granted);
  if (profile.id !== userId) {
    throw new UpstreamBadResponseError({ operation: 'profile', status: 200, problem: 'encodedId differs from the token answer\'s user_id' });
  }
  return profile;
}
