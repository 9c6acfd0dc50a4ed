import type { PluginProfile, PluginTokens } from '../connections/plugin.js';
import type { Connection } from './types.js';
import type { RootProfile, UpstreamLogin } from './user_login.js';

/**
 * What an upstream vouched for at the end of a round trip, in the plugin interface's own types: the
 * tokens and profile a plugin's strategy hands back (upstream/round_trip_strategy.ts). Here, not in
 * upstream/ or authn/, so a login and the dashboard's TRY build what a login stores with the one
 * mapping (dependencies point from upstream/ to the domain). Not the plugin port's UpstreamAnswer
 * (connections/plugin.ts), which is one HTTP answer.
 */
export interface VerifiedLogin {
  readonly tokens: PluginTokens;
  readonly profile: PluginProfile;
}

/** The domain's view of a verified upstream login. */
export function toUpstreamLogin(verified: VerifiedLogin, connection: Connection, ip: string | undefined, now: Date): UpstreamLogin {
  const { profile, tokens } = verified;
  return {
    tenant: connection.tenant,
    connection,
    upstreamUserId: profile.id,
    ...(profile.legacyUserId !== undefined ? { legacyUserId: profile.legacyUserId } : {}),
    profile: rootProfileOf(profile),
    profileData: profile._json,
    tokens: {
      accessToken: tokens.accessToken,
      ...(tokens.refreshToken !== undefined ? { refreshToken: tokens.refreshToken } : {}),
      expiresIn: tokens.expiresIn,
      grantedScopes: tokens.grantedScopes,
    },
    ...(ip !== undefined ? { ip } : {}),
    now,
  };
}

/** The id a login's first time creates: `<strategy>|<upstream id>`. */
export function userIdOf(login: Pick<UpstreamLogin, 'connection' | 'upstreamUserId'>): string {
  return `${login.connection.strategy}|${login.upstreamUserId}`;
}

/** Passport's profile as Auth0's root attributes: the full name, the display name as nickname. */
function rootProfileOf(profile: PluginProfile): RootProfile {
  const given = profile.name?.givenName;
  const family = profile.name?.familyName;
  const fullName = [given, family].filter(Boolean).join(' ') || profile.displayName;
  const email = profile.emails?.[0];
  const root: RootProfile = {
    name: fullName,
    nickname: profile.displayName ?? given,
    givenName: given,
    familyName: family,
    picture: webUrlOrNothing(profile.photos?.[0]?.value),
    email: email?.value,
    emailVerified: email === undefined ? undefined : (email.verified ?? false),
  };
  return Object.fromEntries(Object.entries(root).filter(([, value]) => value !== undefined)) as RootProfile;
}

/**
 * An upstream's picture goes into id_tokens and /userinfo, where applications put it in pages: only
 * an http(s) URL is kept, the rule the Management API applies to a picture it is given.
 */
function webUrlOrNothing(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:' ? value : undefined;
}
