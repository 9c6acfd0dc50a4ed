import type { User } from '../../domain/types.js';

/** OpenID Connect Core §5.4: the standard claims each scope releases (those fitgate keeps). */
export const CLAIMS_BY_SCOPE = {
  profile: ['name', 'nickname', 'given_name', 'family_name', 'picture', 'updated_at'],
  email: ['email', 'email_verified'],
} as const;

/**
 * The claims a user's record yields for the granted scopes. Used alike by the id_token and /userinfo
 * so both always say the same thing. Absent values are left out rather than sent as null.
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
    if (!Number.isNaN(updatedAt)) claims.updated_at = Math.floor(updatedAt / 1000);
  }
  if (scopes.includes('email') && user.email !== undefined) {
    claims.email = user.email;
    claims.email_verified = user.emailVerified ?? false;
  }
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
