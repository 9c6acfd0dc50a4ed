import type { User } from '../../domain/types.js';

/**
 * User ids are `<strategy>|<upstream id>`, so a user deleted (DELETE /users, the dashboard, DELETE
 * /connections) who signs in again is a new record under the same id. What was issued to the deleted
 * one must stay dead: deletion cannot find a user's grants (nothing indexes them by user), so every
 * use compares what it was issued to with the user record, which the token endpoint and /userinfo
 * read anyway. No flow but a first login creates a user record, and no update changes createdAt, so
 * a record's createdAt names it among the users that have held its id.
 *
 * A createdAt that does not parse refuses nothing: it cannot tell one user of the id from another.
 */

/**
 * A code's or refresh token's grant: `userCreatedAt` is the createdAt of the user it was issued to,
 * copied from the user record (no clock of fitgate's is involved, so skew between instances cannot
 * refuse the user's own grant). Any other createdAt is another record's, even a later one: a user
 * re-created by a login that read the time before the delete, or on an instance whose clock is
 * behind, has an earlier createdAt than the one deleted. A record written before it was kept falls
 * back to the login's authTime, whole seconds, judged as an access token's iat.
 */
export function isGrantOfEarlierUser(user: Pick<User, 'createdAt'>, grant: { userCreatedAt?: string; authTime: number }): boolean {
  if (grant.userCreatedAt === undefined) return predatesUserSecond(user, grant.authTime);
  return isOtherRecord(user, grant.userCreatedAt);
}

/**
 * An access token, by the createdAt of the user it was issued to (its USER_CREATED_AT_CLAIM), judged
 * as a grant is. A token issued before it carried one is judged by its iat: whole seconds against
 * createdAt's milliseconds, so only an iat before the user's first second is refused (a token issued
 * in that second, iat below createdAt, must still work), and such a token of the deleted user issued
 * in the second the new one was created still works. One with neither (fitgate always writes iat)
 * is refused.
 */
export function isTokenOfEarlierUser(user: Pick<User, 'createdAt'>, token: { iat: unknown; userCreatedAt: unknown }): boolean {
  if (typeof token.userCreatedAt === 'string') return isOtherRecord(user, token.userCreatedAt);
  return typeof token.iat !== 'number' || predatesUserSecond(user, token.iat);
}

/**
 * A browser's sign-in (its session's authTime, whole seconds) made before the user record was
 * created: the session of a deleted user, which must not answer for the new user under the same id.
 */
export function isSignInOfEarlierUser(user: Pick<User, 'createdAt'>, authTime: number): boolean {
  return predatesUserSecond(user, authTime);
}

function isOtherRecord(user: Pick<User, 'createdAt'>, issuedToCreatedAt: string): boolean {
  const current = Date.parse(user.createdAt);
  const issuedTo = Date.parse(issuedToCreatedAt);
  if (Number.isNaN(current) || Number.isNaN(issuedTo)) return false;
  return issuedTo !== current;
}

function predatesUserSecond(user: Pick<User, 'createdAt'>, epochSeconds: number): boolean {
  return epochSeconds < Math.floor(Date.parse(user.createdAt) / 1000);
}
