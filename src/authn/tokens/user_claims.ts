import type { User } from '../../domain/types.js';

/** OpenID Connect Core §5.4: the standard claims each scope releases (those fitgate keeps). */
export const CLAIMS_BY_SCOPE = {
  profile: ['name', 'nickname', 'given_name', 'family_name', 'picture', 'updated_at'],
  email: ['email', 'email_verified'],
} as const;

/**
 * The claims a user's record yields for the granted scopes. Used alike by the id_token and /userinfo
 * so both always say the same thing. Absent values are left out rather than sent as null.
 *
 * `updated_at` is an ISO 8601 string, as Auth0 sends it in both, not the number of seconds OpenID
 * Connect Core §5.1 describes: Auth0's SDKs type it as a string, and code written against Auth0
 * (`new Date(user.updated_at)`) would read a number of seconds as a date in January 1970.
 */
export function userClaimsForScopes(user: User, scopes: readonly string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (scopes.includes('profile')) {
    claims.name = user.name;
    claims.nickname = user.nickname;
    claims.given_name = user.givenName;
    claims.family_name = user.familyName;
    claims.picture = user.picture;
    const updatedAt = Date.parse(user.updatedAt);
    if (!Number.isNaN(updatedAt)) claims.updated_at = new Date(updatedAt).toISOString();
  }
  if (scopes.includes('email') && user.email !== undefined) {
    claims.email = user.email;
    claims.email_verified = user.emailVerified ?? false;
  }
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
