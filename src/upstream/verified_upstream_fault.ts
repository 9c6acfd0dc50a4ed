import { isRecord } from '../util/is_record.js';

/**
 * What is wrong with what a plugin's strategy handed back on success (a VerifiedLogin, as
 * round_trip_strategy.ts builds it from the plugin's verify), measured against the plugin
 * interface (PluginProfile, PluginTokens in connections/plugin.ts), or undefined when nothing is.
 * Plugins are not trusted to keep their types at run time (a Strava profile parsed from the wrong
 * field has an id of ''), and what a login stores is built from these fields: an empty id makes a
 * user `strava|` that is never indexed, so its next login cannot find it; a non-finite expiresIn
 * becomes a NaN expiry. The fields checked are those a stored login cannot do without, each by a
 * property test or two, so a login pays next to nothing for it.
 */
export function verifiedUpstreamFault(user: unknown): string | undefined {
  const { profile, tokens } = isRecord(user) ? user : {};
  if (!isRecord(profile) || !isRecord(tokens)) return 'the answer must carry its tokens and profile';
  if (!isFilledString(profile.id)) return 'profile.id must be a non-empty string (the user’s id at the upstream)';
  if (profile.legacyUserId !== undefined && typeof profile.legacyUserId !== 'string') return 'profile.legacyUserId, when given, must be a string';
  if (!isFilledString(tokens.accessToken)) return 'tokens.accessToken must be a non-empty string';
  if (tokens.refreshToken !== undefined && typeof tokens.refreshToken !== 'string') return 'tokens.refreshToken, when given, must be a string';
  if (typeof tokens.expiresIn !== 'number' || !Number.isFinite(tokens.expiresIn) || tokens.expiresIn < 0) return 'tokens.expiresIn must be a finite number of seconds, 0 or more';
  if (!Array.isArray(tokens.grantedScopes) || !tokens.grantedScopes.every((scope) => typeof scope === 'string')) return 'tokens.grantedScopes must be an array of permission names';
  return undefined;
}

function isFilledString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
