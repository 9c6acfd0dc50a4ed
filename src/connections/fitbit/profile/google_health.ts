import { optionalString, parseJsonObject, type JsonObject } from '../../oauth2/json.js';
import { personName, withoutUndefined, type FitbitProfile } from './fitbit_profile.js';

export type GoogleHealthProfileResult = { ok: true; profile: FitbitProfile } | { ok: false; problem: string };

/** https://developers.google.com/health/reference/rest/v4/users/getIdentity: 1-63 of [A-Za-z0-9-]. */
const HEALTH_USER_ID = /^[A-Za-z0-9-]{1,63}$/;

/** The OpenID Connect claims that describe the person; the rest of an id_token is protocol. */
const PERSON_CLAIMS = ['sub', 'name', 'given_name', 'family_name', 'picture', 'email', 'email_verified', 'locale', 'hd'];

/**
 * Builds the profile of a google-health user from users/me/identity (the ids) and OpenID Connect
 * claims (id_token or userinfo: name, email, picture). Health itself has no name or email
 * (https://developers.google.com/health/migration). Pure.
 */
export function parseGoogleHealthProfile(
  identityBody: string,
  openIdClaims: JsonObject,
  grantedScopes: readonly string[],
): GoogleHealthProfileResult {
  const identity = parseJsonObject(identityBody);
  if (!identity) return { ok: false, problem: 'the identity body is not a JSON object' };
  const id = optionalString(identity.healthUserId);
  if (!id) return { ok: false, problem: 'healthUserId is missing' };
  if (!HEALTH_USER_ID.test(id)) return { ok: false, problem: 'healthUserId is not 1-63 characters of [A-Za-z0-9-]' };

  const person = Object.fromEntries(PERSON_CLAIMS.filter((claim) => claim in openIdClaims).map((claim) => [claim, openIdClaims[claim]]));
  const email = optionalString(person.email);
  const picture = optionalString(person.picture);
  return {
    ok: true,
    profile: withoutUndefined<FitbitProfile>({
      provider: 'fitbit',
      id,
      legacyUserId: optionalString(identity.legacyUserId),
      displayName: optionalString(person.name),
      name: personName(optionalString(person.given_name), optionalString(person.family_name)),
      emails: email ? [withoutUndefined({ value: email, verified: emailVerified(person.email_verified) })] : undefined,
      photos: picture ? [{ value: picture }] : undefined,
      grantedScopes: [...grantedScopes],
      _json: { identity, openid: person },
      _raw: identityBody,
    }),
  };
}

/** Google's id_token has a boolean; some userinfo versions send the string "true". */
function emailVerified(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}
