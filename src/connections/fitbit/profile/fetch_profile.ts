import { bearer } from '../../oauth2/bearer.js';
import { callUpstream, callUpstreamJson } from '../../oauth2/call_upstream.js';
import { UpstreamBadResponseError } from '../../oauth2/errors/bad_response_error.js';
import type { JsonObject } from '../../oauth2/json.js';
import type { UpstreamContext } from '../upstream_context.js';
import type { FitbitProfile } from './fitbit_profile.js';
import { parseGoogleHealthProfile } from './google_health.js';
import { parseLegacyProfile } from './legacy.js';

/**
 * The profile for an access token alone, with no id_token at hand (a stored token, passport's
 * userProfile): legacy profile.json, or identity + userinfo.
 */
export async function fetchProfile(context: UpstreamContext, accessToken: string, grantedScopes: readonly string[]): Promise<FitbitProfile> {
  if (context.api === 'fitbit-legacy') return fetchLegacyProfile(context, accessToken, grantedScopes);
  const claims = await fetchUserinfo(context, accessToken);
  return fetchGoogleHealthProfile(context, accessToken, claims, grantedScopes);
}

/** GET profile.json (needs the `profile` scope). */
export async function fetchLegacyProfile(
  context: UpstreamContext,
  accessToken: string,
  grantedScopes: readonly string[],
): Promise<FitbitProfile> {
  const answer = await callUpstream({
    operation: 'profile',
    url: context.endpoints.profile,
    upstreamFetch: context.upstreamFetch,
    timeoutMs: context.timeoutMs,
    refusal: context.refusal,
    headers: bearer(accessToken),
  });
  const result = parseLegacyProfile(answer.body, grantedScopes);
  if (!result.ok) throw new UpstreamBadResponseError({ operation: 'profile', status: answer.status, problem: result.problem });
  return result.profile;
}

/** GET users/me/identity, combined with OpenID Connect claims the caller already holds. */
export async function fetchGoogleHealthProfile(
  context: UpstreamContext,
  accessToken: string,
  openIdClaims: JsonObject,
  grantedScopes: readonly string[],
): Promise<FitbitProfile> {
  const answer = await callUpstream({
    operation: 'identity',
    url: context.endpoints.profile,
    upstreamFetch: context.upstreamFetch,
    timeoutMs: context.timeoutMs,
    refusal: context.refusal,
    headers: bearer(accessToken),
  });
  const result = parseGoogleHealthProfile(answer.body, openIdClaims, grantedScopes);
  if (!result.ok) throw new UpstreamBadResponseError({ operation: 'identity', status: answer.status, problem: result.problem });
  return result.profile;
}

/** GET the OpenID Connect userinfo: name, email and picture when no id_token is at hand. */
async function fetchUserinfo(context: UpstreamContext, accessToken: string): Promise<JsonObject> {
  const url = context.endpoints.userinfo;
  if (!url) throw new TypeError('userinfo exists only in google-health mode');
  const { json } = await callUpstreamJson({
    operation: 'userinfo',
    url,
    upstreamFetch: context.upstreamFetch,
    timeoutMs: context.timeoutMs,
    refusal: context.refusal,
    headers: bearer(accessToken),
  });
  return json;
}
