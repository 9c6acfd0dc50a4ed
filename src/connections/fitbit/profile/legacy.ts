import { isJsonObject, optionalString, parseJsonObject } from '../../oauth2/json.js';
import { personName, withoutUndefined, type FitbitProfile } from './fitbit_profile.js';

export type LegacyProfileResult = { ok: true; profile: FitbitProfile } | { ok: false; problem: string };

/**
 * Parses GET /1/user/-/profile.json (https://dev.fitbit.com/build/reference/web-api/user/get-profile/):
 * `{"user":{encodedId, displayName, fullName, firstName, lastName, avatar, avatar150, avatar640, ...}}`.
 * Fitbit gives no email. Pure: the caller turns a problem into its own error.
 */
export function parseLegacyProfile(body: string, grantedScopes: readonly string[]): LegacyProfileResult {
  const json = parseJsonObject(body);
  if (!json) return { ok: false, problem: 'the body is not a JSON object' };
  const user = json.user;
  if (!isJsonObject(user)) return { ok: false, problem: 'the "user" object is missing' };
  const id = optionalString(user.encodedId);
  if (!id) return { ok: false, problem: 'user.encodedId is missing' };

  const photos = [user.avatar640, user.avatar150, user.avatar].map(optionalString).filter((url) => url !== undefined);
  return {
    ok: true,
    profile: withoutUndefined<FitbitProfile>({
      provider: 'fitbit',
      id,
      displayName: optionalString(user.displayName) ?? optionalString(user.fullName),
      name: personName(optionalString(user.firstName), optionalString(user.lastName)),
      photos: photos.length > 0 ? [...new Set(photos)].map((value) => ({ value })) : undefined,
      grantedScopes: [...grantedScopes],
      _json: json,
      _raw: body,
    }),
  };
}

/**
 * The profile of a user who did not grant `profile`: the token answer's user_id is all Fitbit says
 * about them, and it is enough to sign in.
 */
export function legacyProfileFromUserId(userId: string, grantedScopes: readonly string[]): FitbitProfile {
  const json = { user_id: userId };
  return { provider: 'fitbit', id: userId, grantedScopes: [...grantedScopes], _json: json, _raw: JSON.stringify(json) };
}
