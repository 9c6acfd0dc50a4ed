import type { User } from '../../domain/types.js';

/**
 * User ids are `<strategy>|<upstream id>`, so a user deleted (DELETE /users, the dashboard, DELETE
 * /connections) who signs in again is a new record under the same id, with a later createdAt. What
 * was issued to the deleted one must stay dead: deletion cannot find a user's grants (nothing indexes
 * them by user), so every use compares what it was issued to with the user record, which the token
 * endpoint and /userinfo read anyway. No flow but a first login creates a user record, and no update
 * changes createdAt, so the user's own grants and tokens never predate it.
 *
 * A createdAt that does not parse refuses nothing: it cannot tell one user of the id from another.
 */

/**
 * A refresh token's grant: `userCreatedAt` is the createdAt of the user its tokens were issued to,
 * copied from the user record (no clock of fitgate's is involved, so skew between instances cannot
 * refuse the user's own grant). A record written before it was kept falls back to the login's
 * authTime, whole seconds, judged as an access token's iat.
 */
export function isGrantOfEarlierUser(user: Pick<User, 'createdAt'>, grant: { userCreatedAt?: string; authTime: number }): boolean {
  if (grant.userCreatedAt === undefined) return predatesUserSecond(user, grant.authTime);
  return Date.parse(grant.userCreatedAt) < Date.parse(user.createdAt);
}

/**
 * An access token, by its iat. iat is whole seconds and createdAt milliseconds: a token issued in the
 * user's own first second has an iat below createdAt and must still work, so only an iat before that
 * second is refused. A token with no numeric iat (fitgate always writes one) is refused.
 */
export function isTokenOfEarlierUser(user: Pick<User, 'createdAt'>, iat: unknown): boolean {
  return typeof iat !== 'number' || predatesUserSecond(user, iat);
}

/**
 * A browser's sign-in (its session's authTime, whole seconds) made before the user record was
 * created: the session of a deleted user, which must not answer for the new user under the same id.
 */
export function isSignInOfEarlierUser(user: Pick<User, 'createdAt'>, authTime: number): boolean {
  return predatesUserSecond(user, authTime);
}

function predatesUserSecond(user: Pick<User, 'createdAt'>, epochSeconds: number): boolean {
  return epochSeconds < Math.floor(Date.parse(user.createdAt) / 1000);
}
