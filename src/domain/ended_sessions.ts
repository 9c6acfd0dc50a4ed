import type { Config } from '../config/index.js';
import type { UserRepository } from './ports.js';
import { tenantUrlsOf } from './tenants.js';
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
 *
 * The logout tokens of an end carry the issuer the ended sign-ins' id_tokens carried (Back-Channel
 * Logout §2.6: a client checks `iss` as it did the id_token's). A sign-in at one of the tenant's own
 * domains is issued under that domain, whichever host the end is asked on (the dashboard's
 * NAME.<base host>, the Management API's), so the login remembers its URL in the user record it
 * writes anyway (User.signInUrls) and the end takes it from the record it rewrites anyway.
 */

/** Where the end happens: the tenant, and the URL of the request that asked for it. */
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
  tellApplications(place: SessionEndPlace, userId: string, signInUrls?: readonly string[]): Promise<void>;
}

/**
 * How many sign-in URLs a user record keeps: one per host of the tenant the user signed in at, and a
 * tenant has a handful. Past it the oldest is forgotten.
 */
export const MAX_SIGN_IN_URLS = 10;

/** The user's signInUrls with `url` (a login's tenant URL) in it: the same array when it is there already, so a returning user's login changes nothing. */
export function withSignInUrl(signInUrls: string[] | undefined, url: string): string[] {
  if (signInUrls?.includes(url)) return signInUrls;
  return [...(signInUrls ?? []), url].slice(-MAX_SIGN_IN_URLS);
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
  // The sign-ins the URLs were remembered for end here; the next one starts the list again.
  const { signInUrls: _ended, ...rest } = user;
  return { ...rest, sessionsEndedAt: new Date(at).toISOString() };
}

/**
 * The tenant URLs whose issuer the logout tokens of an end carry: each URL the ended sign-ins were
 * made at (User.signInUrls, as the end found it) that is still the tenant's, NAME.<base host> or an
 * own domain it still has (a domain given up may be another tenant's by now, and its issuer is no
 * longer this tenant's to sign for); or, when none is, the place's: a record from before sign-ins
 * were remembered, or one with no sign-in since the last end, is told as it always was.
 */
export function logoutIssuerUrls(config: Pick<Config, 'publicUrl' | 'baseHost'>, place: SessionEndPlace, signInUrls: readonly string[] | undefined): string[] {
  const tenantUrls = new Set(tenantUrlsOf(config, place.tenant));
  const kept = (signInUrls ?? []).filter((url) => tenantUrls.has(url));
  return kept.length > 0 ? kept : [place.tenantUrl];
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
  // Of the user as written (the change may run again on a fresher read): where its sign-ins were made.
  let signInUrls: readonly string[] | undefined;
  const user = await updateUser(deps.users, place.tenant.name, userId, (current) => {
    signInUrls = current.signInUrls;
    return withSessionsEnded(current, now);
  });
  await deps.tellApplications(place, userId, signInUrls);
  return user;
}
