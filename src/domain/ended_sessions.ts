import type { UserRepository } from './ports.js';
import type { Client, Tenant, User } from './types.js';
import { updateUser } from './user_updates.js';

/**
 * Ending every browser session of a user at once (Auth0's DELETE /users/{id}/sessions, the
 * dashboard's Sign out everywhere, a block). Sessions are not indexed by user, so none is found and
 * deleted: the user record gets a new `sessionsEndedAt`, and a sign-in carries the value its login
 * read from the record (login_session.ts). A sign-in whose value is not the record's any more no
 * longer answers. The login path costs nothing more: the login writes the user record anyway, and
 * single sign-on reads it anyway. Equality, not an order of times, decides: instances' clocks never
 * enter it, and a login in the very millisecond of the end is alive or dead by which write came first.
 */

/** Where the end happens: the tenant, and the URL the back-channel logout tokens are issued from. */
export interface SessionEndPlace {
  readonly tenant: Tenant;
  readonly tenantUrl: string;
}

export interface SessionEndDeps {
  users: Pick<UserRepository, 'get' | 'update'>;
  /**
   * Tells the applications that asked for it (back-channel logout); called once the end is stored.
   * Resolves once the sending is under way, not when the applications answered.
   */
  tellApplications(place: SessionEndPlace, userId: string): Promise<void>;
}

/** Auth0's back-channel logout initiator for sessions deleted through its Management API. */
export const SESSION_REVOKED_INITIATOR = 'session-revoked';

/**
 * The user with every sign-in made so far ended. Each value is later than the previous one, even
 * from an instance whose clock is behind, so it always differs from what any sign-in carries.
 */
export function withSessionsEnded(user: User, now: Date): User {
  const previous = user.sessionsEndedAt === undefined ? Number.NaN : Date.parse(user.sessionsEndedAt);
  const at = Number.isNaN(previous) || previous < now.getTime() ? now.getTime() : previous + 1;
  return { ...user, sessionsEndedAt: new Date(at).toISOString() };
}

/** Whether the user's sessions were ended after this sign-in read the user record. */
export function isSignInEnded(user: Pick<User, 'sessionsEndedAt'>, signIn: { sessionsEndedAt?: string }): boolean {
  return user.sessionsEndedAt !== undefined && user.sessionsEndedAt !== signIn.sessionsEndedAt;
}

/**
 * Whether the client wants a logout token when a user's sessions are ended: it registered a
 * back-channel logout URL, and Auth0's initiators it chose cover it (`all`, or `session-revoked`
 * selected). Auth0 subscribes an application to `rp-logout` and `idp-logout` only unless told.
 */
export function hearsOfEndedSessions(client: Pick<Client, 'oidcLogout'>): boolean {
  const logout = client.oidcLogout;
  if (!logout?.backchannelLogoutUrls.length) return false;
  const initiators = logout.backchannelLogoutInitiators;
  return initiators?.mode === 'all' || (initiators?.selectedInitiators?.includes(SESSION_REVOKED_INITIATOR) ?? false);
}

/**
 * Ends every browser session of the user and tells the applications. Refresh tokens are not
 * touched: at Auth0 they outlive sessions too. Throws NotFoundInStoreError when there is no such user.
 */
export async function endUserSessions(deps: SessionEndDeps, place: SessionEndPlace, userId: string, now = new Date()): Promise<User> {
  const user = await updateUser(deps.users, place.tenant.name, userId, (current) => withSessionsEnded(current, now));
  await deps.tellApplications(place, userId);
  return user;
}
