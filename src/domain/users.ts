import { UserBlockedError } from '../errors/index.js';
import { withSignInUrl } from './ended_sessions.js';
import { holdsRefreshTokenAfter } from './issued_tokens.js';
import { AlreadyExistsError, NotFoundInStoreError, type Sealer, type UserRepository } from './ports.js';
import type { Identity, User } from './types.js';
import type { SealedGrant } from './upstream_revocation.js';
import { userIdOf } from './upstream_login.js';
import { identityFromLogin, withRootProfile, type UpstreamLogin } from './user_login.js';
import { rewriteUser } from './user_updates.js';
import { findLoginOwner, moveOf, type LoginMove } from './user_migration.js';

export type { RootProfile, UpstreamLogin } from './user_login.js';

/** Auth0's words for a blocked user, at the client's redirect_uri (with `unauthorized`: UserBlockedError) and in the log. */
export const USER_BLOCKED = 'user is blocked';

export interface RecordLoginDeps {
  users: Pick<UserRepository, 'findByIdentity' | 'create' | 'update'>;
  sealer: Sealer;
}

export interface LoginResult {
  user: User;
  /** The identity this login stored on the user, with its sealed tokens. */
  identity: Identity;
  created: boolean;
  /**
   * Set when this login moved the user from their id at the upstream's previous API to the
   * connection's API. `revoke`: the grant of the API they moved off, for the caller to revoke once
   * recordLogin has returned (the user is saved by then): every token, since which one the upstream
   * revokes is its plugin's call. Still sealed: a result object is easy to log.
   */
  migration?: LoginMove & { revoke?: SealedGrant };
  /** True when the identity needed reauthorization and this login reconnected it. */
  reconnected?: true;
}

/**
 * Creates or updates the user a successful upstream login proves: `<provider>|<upstream id>` with the
 * identity's sealed tokens and granted scopes, login count, last login and IP, and the root profile
 * per the connection's profileSync. When the login moves a user from the upstream's previous API to
 * its current one (legacy Fitbit to Google Health today), the result names the previous API's tokens
 * to revoke; the caller revokes them after this returns, so the new tokens are saved first, as
 * Google's migration guide asks: a crash in between leaves a working user with a stale token of the
 * previous API, never the reverse.
 */
export async function recordLogin(deps: RecordLoginDeps, login: UpstreamLogin): Promise<LoginResult> {
  // Another write to the user since this login read it (a block, a metadata PATCH, another login):
  // read again and record the login on top of it, so neither is lost (and a block still refuses).
  // Logins of one account at once take turns, under the id this login's identity gives: the user's
  // own, except for a user migrated from a previous API's id, whose other writes then meet it in the retries.
  return rewriteUser(deps.users, { tenant: login.tenant, userId: userIdOf(login) }, async () => {
    try {
      return await recordLoginOnce(deps, login);
    } catch (error) {
      // The user changed under this login since it read them: another first login of the person
      // created them (this one updates them), or a delete removed them (this one is a first login
      // again, as it would be had it started after the delete).
      if (error instanceof AlreadyExistsError || error instanceof NotFoundInStoreError) return recordLoginOnce(deps, login);
      throw error;
    }
  });
}

async function recordLoginOnce(deps: RecordLoginDeps, login: UpstreamLogin): Promise<LoginResult> {
  const owner = await findLoginOwner(deps.users, login);
  // Refused before anything is recorded: Auth0 neither counts the login nor keeps the new tokens.
  if (owner?.user.blocked === true) throw new UserBlockedError(USER_BLOCKED);
  const now = login.now.toISOString();

  if (!owner) {
    const identity = identityFromLogin(login, deps.sealer);
    const user: User = {
      ...withRootProfile(
        { tenant: login.tenant, userId: userIdOf(login), identities: [], loginsCount: 0, createdAt: now, updatedAt: now },
        login.profile,
      ),
      identities: [identity],
      loginsCount: 1,
      lastLogin: now,
      ...(login.ip !== undefined ? { lastIp: login.ip } : {}),
      ...(login.tenantUrl !== undefined ? { signInUrls: [login.tenantUrl] } : {}),
    };
    await deps.users.create(user);
    return { user, identity, created: true };
  }

  const identity = identityFromLogin(login, deps.sealer, owner.identity);
  const synced = login.connection.options.profileSync === 'on_each_login' ? withRootProfile(owner.user, login.profile) : owner.user;
  const user = await deps.users.update({
    ...synced,
    identities: owner.user.identities.map((existing) => (existing === owner.identity ? identity : existing)),
    loginsCount: owner.user.loginsCount + 1,
    lastLogin: now,
    ...(login.ip !== undefined ? { lastIp: login.ip } : {}),
    ...(login.tenantUrl !== undefined ? { signInUrls: withSignInUrl(owner.user.signInUrls, login.tenantUrl) } : {}),
    updatedAt: now,
  });
  const reconnected = owner.identity.status === 'needs_reauthorization' ? ({ reconnected: true } as const) : {};

  const move = moveOf(owner, login);
  if (!move || !owner.migratedFrom) return { user, identity, created: false, ...reconnected };
  const revoke = previousApiGrantOf(owner.migratedFrom);
  return { user, identity, created: false, migration: { ...move, ...(revoke ? { revoke } : {}) }, ...reconnected };
}

/**
 * What recordLogin would do with `login`, found the way it finds it (findLoginOwner) and written
 * nowhere: the user it signs in, whether it creates them, moves them from the upstream's previous
 * API, or refuses them as blocked. TRY's report says this, so it names the user a real login keeps.
 */
export interface LoginForecast {
  /** The user_id the login signs in: the existing owner's, else the one it creates. */
  userId: string;
  created: boolean;
  migration?: LoginMove;
  /** The existing user's name, to recognise them by. */
  name?: string;
  /** The login would be refused (USER_BLOCKED) before anything is recorded. */
  blocked?: true;
  /**
   * Whether the identity the login stores could be refreshed (domain/refreshable.ts): a refresh token
   * came back, or the user's identity of the same API keeps the one it holds (issued_tokens.ts).
   */
  refreshable: boolean;
}

export async function forecastLogin(users: Pick<UserRepository, 'findByIdentity'>, login: UpstreamLogin): Promise<LoginForecast> {
  const owner = await findLoginOwner(users, login);
  // As identityFromLogin seals the tokens: the owner's identity is the previous one.
  const refreshable = holdsRefreshTokenAfter(login.tokens, { at: 'login', api: login.connection.options.api, previous: owner?.identity });
  if (!owner) return { userId: userIdOf(login), created: true, refreshable };
  const move = moveOf(owner, login);
  return {
    userId: owner.user.userId,
    created: false,
    refreshable,
    ...(move && { migration: move }),
    ...(owner.user.name !== undefined && { name: owner.user.name }),
    ...(owner.user.blocked === true && { blocked: true as const }),
  };
}

/** Why a login counts as a success (fitgate_logins_total), for its result or TRY's forecast of it. */
export type LoginSuccessReason = 'new_user' | 'existing_user' | 'migrated_from_legacy';

export function successReasonOf(result: Pick<LoginResult, 'created' | 'migration'>): LoginSuccessReason {
  if (result.migration) return 'migrated_from_legacy';
  return result.created ? 'new_user' : 'existing_user';
}

/** How a login's log event names a move between APIs, in the words the stored events have always used. */
export function describeMove(move: Pick<LoginMove, 'fromApi' | 'toApi'>, apiName: (api: string) => string): string {
  return `moved from the ${apiName(move.fromApi)} to the ${apiName(move.toApi)}`;
}

function previousApiGrantOf(previous: Identity): SealedGrant | undefined {
  const tokens = previous.tokens;
  if (!tokens || (!tokens.refreshToken && !tokens.accessToken)) return undefined;
  // The expiry goes along: an upstream that revokes with a live access token alone needs it (RevocableTokens).
  const { accessToken, refreshToken, expiresAt } = tokens;
  return { api: previous.api, sealedTokens: { accessToken, ...(refreshToken !== undefined && { refreshToken }), expiresAt }, upstreamUserId: previous.userId };
}
